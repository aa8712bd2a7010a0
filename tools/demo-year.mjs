// The school year so far, generated: the timetable of each journal, its lessons on the study
// days up to today, and each lesson's column (attendance and marks) from seeded generators, so
// every run makes the same lessons with the same ids and the same marks.
import { studyDays } from './demo-calendar.mjs';
import { seeded } from './demo-people.mjs';
import { homeworkOf, topicOf } from './demo-topics.mjs';

const ACTIVITY_SLOTS = { extended_day: 7, elective: 7, club: 8 };
const ACTIVITY_DAYS = { elective: [4], club: [3] };

/** Each journal's weekly slots: a class's lessons spread over the week, activities after them. */
export function timetable(school) {
  const slots = new Map();
  const byClass = new Map();
  for (const journal of school.journals) {
    if (journal.kind !== 'lesson') {
      const days = journal.hours >= 5 ? [1, 2, 3, 4, 5] : ACTIVITY_DAYS[journal.kind];
      slots.set(
        journal.slug,
        days.map((weekday) => ({ weekday, slot: ACTIVITY_SLOTS[journal.kind] })),
      );
      continue;
    }
    byClass.set(journal.class, [...(byClass.get(journal.class) ?? []), journal]);
  }
  for (const journals of byClass.values()) {
    const load = new Map(school.weekdays.map((day) => [day, []]));
    const ordered = [...journals].sort((a, b) => b.hours - a.hours);
    for (const journal of ordered) {
      for (let h = 0; h < journal.hours; h += 1) {
        // The least busy day without this subject yet; a second lesson a day only when needed.
        const [weekday] = [...load].sort(
          ([dayA, a], [dayB, b]) =>
            a.includes(journal) - b.includes(journal) || a.length - b.length || dayA - dayB,
        )[0];
        load.get(weekday).push(journal);
      }
    }
    for (const [weekday, day] of load) {
      day.forEach((journal, i) => {
        slots.set(journal.slug, [...(slots.get(journal.slug) ?? []), { weekday, slot: i + 1 }]);
      });
    }
  }
  return slots;
}

/** Every lesson of the year on the journal's slots, `{ date, slot }` in order. */
export function lessonDates(calendar, weekdays, weekSlots) {
  return studyDays(calendar, weekdays, calendar.endsOn).flatMap((date) => {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
    return weekSlots.filter((s) => s.weekday === weekday).map(({ slot }) => ({ date, slot }));
  });
}

const abilityOf = (pupil, subjectId) => 2.9 + 2.1 * seeded(`${pupil.key}/${subjectId}`)();

function markFor(random, pupil, journal, workType) {
  if (journal.scale === 'pass_fail') return random() < 0.9 ? 'pass' : 'fail';
  const value = Math.round(abilityOf(pupil, journal.subjectId) + (random() - 0.5) * 2);
  return String(Math.min(5, Math.max(2, value)));
}

/**
 * One lesson's request: topic, homework due at the next lesson, and per pupil present or not
 * a mark now and then, a test for everyone every eighth lesson (lesson journals), a pass or
 * fail every fourth (electives); clubs and extended day record only who was missing.
 */
export function lessonOf(journal, { date, slot }, n, next, pupils) {
  const lessonId = `${journal.journalId}.${date}.${slot}`;
  const random = seeded(lessonId);
  const marked = journal.kind === 'lesson' || journal.kind === 'elective';
  const test = journal.kind === 'lesson' && n % 8 === 7;
  const homework = homeworkOf(journal, n);
  const entries = [];
  for (const pupil of pupils) {
    const r = random();
    const attendance = r < 0.04 ? 'absent' : r < 0.055 ? 'sick' : r < 0.075 ? 'late' : null;
    const marks = [];
    const mark = (workType) =>
      marks.push({
        markId: `${lessonId}.${pupil.key}.${marks.length + 1}`,
        value: markFor(random, pupil, journal, workType),
        workType,
      });
    const away = attendance !== null && attendance !== 'late';
    if (marked && !away) {
      if (test) mark('test');
      else if (journal.kind === 'elective' ? n % 4 === 3 : random() < 0.3) mark('classwork');
      if (journal.kind === 'lesson' && !test && random() < 0.06) mark('homework');
    }
    if (attendance || marks.length > 0)
      entries.push({ pupilId: pupil.personId, attendance, marks });
  }
  return {
    lessonId,
    date,
    slot,
    topic: test
      ? `Контрольная работа: ${topicOf(journal, n, journal.dates.length)}`
      : topicOf(journal, n, journal.dates.length),
    homework: homework && next ? { text: homework, dueDate: next } : null,
    entries,
  };
}
