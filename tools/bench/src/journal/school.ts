export const SCHOOL_ID = 'school-bench';
export const REGION_ID = 'region-91';
export const TIME_ZONE = 'Europe/Simferopol';
export const CLASSES = 50;
export const PUPILS_PER_CLASS = 30;
/** Recent calendar days whose slots 9..12 the load's lesson columns take (history uses 1..8). */
export const RECENT_DAYS = 20;

const day = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const todayAtSchool = (now: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);

export interface BenchClass {
  classId: string;
  teacherId: string;
  pupils: string[];
}

/**
 * One school around today, as services/journal/e2e/school-setup.ts `yearAroundToday` builds
 * it: the academic year's calendar runs from 1 January of its first year to the end of the
 * next, the first half ending three weeks from now, so a year of lessons lies behind today
 * and the last weeks' lessons are in an open period. One teacher per class.
 */
export function benchSchool(now = new Date()) {
  const today = todayAtSchool(now);
  const year = Number(today.slice(0, 4));
  const first = Number(today.slice(5, 7)) >= 8 ? year : year - 1;
  const startsOn = `${first}-01-01`;
  const endsOn = `${first + 1}-12-31`;
  const classes: BenchClass[] = Array.from({ length: CLASSES }, (_, c) => ({
    classId: `class-${c}`,
    teacherId: `teacher-${c}`,
    pupils: Array.from({ length: PUPILS_PER_CLASS }, (_, p) => `pupil-${c}-${p}`),
  }));
  return {
    today,
    academicYear: `${first}/${first + 1}`,
    startsOn,
    endsOn,
    periods: [
      { number: 1, startsOn, endsOn: day(today, 21) },
      { number: 2, startsOn: day(today, 22), endsOn },
    ],
    classes,
    daysAgo: (days: number) => day(today, -days),
  };
}
export type BenchSchool = ReturnType<typeof benchSchool>;

/**
 * Lessons on the weekdays from `from` to `last`: `count` of them spread evenly (every weekday
 * without a count), slots 1..8.
 */
export function lessonDates(from: string, last: string, count?: number) {
  const weekdays: string[] = [];
  for (let date = from; date <= last; date = day(date, 1)) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) weekdays.push(date);
  }
  const lessons = count ?? weekdays.length;
  if (weekdays.length < lessons) throw new Error(`only ${weekdays.length} school days so far`);
  return Array.from({ length: lessons }, (_, index) => ({
    date: weekdays[Math.floor((index * weekdays.length) / lessons)] as string,
    slot: (index % 8) + 1,
  }));
}

/** Where the load's new lessons go: slots 9..12 of the recent days, never taken by history. */
export function freeSlots(school: BenchSchool) {
  return Array.from({ length: RECENT_DAYS * 4 }, (_, index) => ({
    date: school.daysAgo(Math.floor(index / 4)),
    slot: 9 + (index % 4),
  }));
}

/** Who was absent (no mark) or late (with a mark) in a history lesson: about 5 % each. */
export function attendanceOf(lesson: number, pupil: number): 'absent' | 'late' | null {
  const draw = (lesson * 31 + pupil * 7) % 20;
  return draw === 0 ? 'absent' : draw === 1 ? 'late' : null;
}
