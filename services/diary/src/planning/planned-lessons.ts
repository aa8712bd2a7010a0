/**
 * The lessons the timetable plans, as the diary shows them (issue 21, item 7): pure functions
 * over the planning facts the diary projected (`diary.timetable_versions`, `timetable_changes`,
 * `bell_schedules`) and identity's calendars and rosters. The journal service keeps its own
 * planning domain; the diary reads only the events, so it derives the same days here.
 */

export interface TemplateLesson {
  day: number;
  slot: number;
  journalId: string;
  teacherId: string;
  roomId: string | null;
  subgroup: number | null;
}

/** A class's or group's weekly template in force from `effectiveFrom`. */
export interface TimetableVersion {
  groupId: string;
  versionId: string;
  effectiveFrom: string;
  schoolId: string;
  academicYear: string;
  shift: number;
  lessons: TemplateLesson[];
}

export type ChangeKind = 'substitution' | 'cancellation' | 'move' | 'extra';

export interface TimetableChange {
  changeId: string;
  kind: ChangeKind;
  groupId: string;
  journalId: string;
  date: string;
  slot: number;
  teacherId: string | null;
  roomId: string | null;
  toDate: string | null;
  toSlot: number | null;
  /** The order recorded in the planning stream. */
  streamVersion: number;
}

export interface BellSlot {
  slot: number;
  startsAt: string;
  endsAt: string;
}

export interface BellSchedule {
  schoolId: string;
  academicYear: string;
  shift: number;
  slots: BellSlot[];
  exceptions: { date: string; slots: BellSlot[] }[];
}

export interface DateRange {
  startsOn: string;
  endsOn: string;
}

export interface SchoolCalendar extends DateRange {
  schoolId: string;
  academicYear: string;
  periods: DateRange[];
  holidays: DateRange[];
}

export interface JournalInfo {
  journalId: string;
  groupId: string;
  subjectId: string | null;
  activityKind: string;
}

/** A pupil in a class or group over the half-open [fromDate, untilDate). */
export interface Membership {
  groupId: string;
  fromDate: string;
  untilDate: string | null;
}

/** A lesson of a group on a date, with that date's changes applied. */
export interface GroupLesson {
  groupId: string;
  journalId: string;
  date: string;
  slot: number;
  teacherId: string | null;
  roomId: string | null;
  subgroup: number | null;
  schoolId: string | null;
  academicYear: string | null;
  shift: number;
  /** The change that put it there or changed it, if any. */
  change: { kind: 'substitution' | 'move' | 'extra'; changeId: string } | null;
  /** The timetable's teacher when a substitute teaches it. */
  substituteFor: string | null;
}

/** ISO weekday: 1 Monday … 7 Sunday. */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

const within = (date: string, range: DateRange) => range.startsOn <= date && date <= range.endsOn;

/** A day lessons may be given on: inside a period of the year and outside every holiday. */
export function isSchoolDay(calendar: SchoolCalendar | undefined, date: string): boolean {
  if (!calendar) return false;
  return (
    calendar.periods.some((period) => within(date, period)) &&
    !calendar.holidays.some((holiday) => within(date, holiday))
  );
}

export const holdsOn = (membership: Membership, date: string) =>
  membership.fromDate <= date && (membership.untilDate === null || date < membership.untilDate);

/** The version in force on a date: the latest effective by then (`versions` in any order). */
export function versionOn(
  versions: readonly TimetableVersion[],
  date: string,
): TimetableVersion | null {
  let found: TimetableVersion | null = null;
  for (const version of versions) {
    if (version.effectiveFrom <= date && (!found || version.effectiveFrom > found.effectiveFrom)) {
      found = version;
    }
  }
  return found;
}

const sameSlot = (lesson: GroupLesson, change: TimetableChange) =>
  lesson.journalId === change.journalId &&
  lesson.date === change.date &&
  lesson.slot === change.slot;

/** The template's lessons of a group on a date, no changes applied. */
export function templateLessons(
  versions: readonly TimetableVersion[],
  groupId: string,
  date: string,
): GroupLesson[] {
  const version = versionOn(versions, date);
  const day = weekdayOf(date);
  return (version?.lessons ?? [])
    .filter((lesson) => lesson.day === day)
    .map((lesson) => ({
      groupId,
      journalId: lesson.journalId,
      date,
      slot: lesson.slot,
      teacherId: lesson.teacherId,
      roomId: lesson.roomId,
      subgroup: lesson.subgroup,
      schoolId: version?.schoolId ?? null,
      academicYear: version?.academicYear ?? null,
      shift: version?.shift ?? 1,
      change: null,
      substituteFor: null,
    }));
}

/**
 * A group's lessons on a date: the version in force, then every change touching the date in
 * the order recorded (a cancellation takes the lesson away, a substitution changes its teacher
 * and room, a move takes it away from its date and gives it on `toDate`/`toSlot`, an extra
 * lesson is added). `versions` and `changes` are the group's.
 */
export function groupLessonsOn(
  versions: readonly TimetableVersion[],
  changes: readonly TimetableChange[],
  groupId: string,
  date: string,
): GroupLesson[] {
  let lessons = templateLessons(versions, groupId, date);
  const version = versionOn(versions, date);
  const touching = changes
    .filter((change) => change.date === date || change.toDate === date)
    .sort((a, b) => a.streamVersion - b.streamVersion);
  for (const change of touching) {
    switch (change.kind) {
      case 'cancellation':
        lessons = lessons.filter((lesson) => !sameSlot(lesson, change));
        break;
      case 'substitution':
        lessons = lessons.map((lesson) =>
          sameSlot(lesson, change) && change.teacherId
            ? {
                ...lesson,
                teacherId: change.teacherId,
                roomId: change.roomId ?? lesson.roomId,
                substituteFor: lesson.substituteFor ?? lesson.teacherId,
                change: { kind: 'substitution', changeId: change.changeId },
              }
            : lesson,
        );
        break;
      case 'extra':
        lessons = [
          ...lessons,
          {
            groupId,
            journalId: change.journalId,
            date,
            slot: change.slot,
            teacherId: change.teacherId,
            roomId: change.roomId,
            subgroup: null,
            schoolId: version?.schoolId ?? null,
            academicYear: version?.academicYear ?? null,
            shift: version?.shift ?? 1,
            change: { kind: 'extra', changeId: change.changeId },
            substituteFor: null,
          },
        ];
        break;
      case 'move': {
        const source =
          lessons.find((lesson) => sameSlot(lesson, change)) ??
          templateLessons(versions, groupId, change.date).find((l) => sameSlot(l, change));
        if (change.date === date) lessons = lessons.filter((lesson) => !sameSlot(lesson, change));
        if (change.toDate === date && change.toSlot !== null && source) {
          lessons = [
            ...lessons,
            {
              ...source,
              date,
              slot: change.toSlot,
              teacherId: change.teacherId ?? source.teacherId,
              roomId: change.roomId ?? source.roomId,
              change: { kind: 'move', changeId: change.changeId },
            },
          ];
        }
        break;
      }
      default: {
        const never: never = change.kind;
        return never;
      }
    }
  }
  return lessons.sort((a, b) => a.slot - b.slot || a.journalId.localeCompare(b.journalId));
}

/** The bells of a lesson: the date's exception of its shift, else the shift's slots. */
export function bellsOf(
  bells: readonly BellSchedule[],
  lesson: Pick<GroupLesson, 'schoolId' | 'academicYear' | 'shift' | 'date' | 'slot'>,
): { startsAt: string; endsAt: string } | null {
  const schedule = bells.find(
    (each) =>
      each.schoolId === lesson.schoolId &&
      each.academicYear === lesson.academicYear &&
      each.shift === lesson.shift,
  );
  if (!schedule) return null;
  const slots =
    schedule.exceptions.find((exception) => exception.date === lesson.date)?.slots ??
    schedule.slots;
  const found = slots.find((slot) => slot.slot === lesson.slot);
  return found ? { startsAt: found.startsAt, endsAt: found.endsAt } : null;
}

/** A planned lesson in a pupil's week document. */
export interface PlannedEntry {
  journalId: string;
  subjectId: string | null;
  activityKind: string | null;
  slot: number;
  startsAt: string | null;
  endsAt: string | null;
  teacherId: string | null;
  roomId: string | null;
  subgroup: number | null;
  /** The one-off change that put it there or changed it (`substitution`, `move`, `extra`). */
  change: GroupLesson['change'];
  substituteFor: string | null;
}

/** Homework set in an earlier lesson and due on the day. */
export interface HomeworkDue {
  journalId: string;
  subjectId: string | null;
  /** The lesson that set it. */
  lessonId: string;
  setOn: string;
  text: string;
}

export interface PlanningSources {
  memberships: Membership[];
  versions: TimetableVersion[];
  changes: TimetableChange[];
  bells: BellSchedule[];
  calendars: SchoolCalendar[];
  journals: JournalInfo[];
  /** Lessons held (not voided) by journal, date and slot: they replace the planned slot. */
  held: { journalId: string; date: string; slot: number }[];
  homeworkDue: (HomeworkDue & { dueDate: string })[];
}

/**
 * A pupil's planned lessons per date: the lessons of each class and group the pupil is in on
 * that date, on school days of the group's school (holidays and days outside the periods
 * left out), cancellations, substitutions, moves and extra lessons applied. A lesson of a
 * journal whose group (a subgroup, say) the pupil is not in on the date is not theirs. A held
 * lesson of the journal in the slot replaces it. Each planned lesson once, however many of the
 * pupil's timetables list it.
 */
export function plannedWeek(
  dates: readonly string[],
  sources: PlanningSources,
): { date: string; planned: PlannedEntry[]; homeworkDue: HomeworkDue[] }[] {
  const journals = new Map(sources.journals.map((journal) => [journal.journalId, journal]));
  const held = new Set(sources.held.map((h) => `${h.journalId}|${h.date}|${h.slot}`));
  const memberOn = (groupId: string, date: string) =>
    sources.memberships.some((m) => m.groupId === groupId && holdsOn(m, date));
  const groups = [...new Set(sources.memberships.map((m) => m.groupId))].sort();
  return dates.map((date) => {
    const seen = new Set<string>();
    const planned: PlannedEntry[] = [];
    for (const groupId of groups) {
      if (!memberOn(groupId, date)) continue;
      const versions = sources.versions.filter((v) => v.groupId === groupId);
      const changes = sources.changes.filter((c) => c.groupId === groupId);
      for (const lesson of groupLessonsOn(versions, changes, groupId, date)) {
        const calendar = sources.calendars.find(
          (each) => each.schoolId === lesson.schoolId && each.academicYear === lesson.academicYear,
        );
        const journal = journals.get(lesson.journalId);
        const key = `${lesson.journalId}|${date}|${lesson.slot}`;
        if (
          !isSchoolDay(calendar, date) ||
          (journal && !memberOn(journal.groupId, date)) ||
          held.has(key) ||
          seen.has(key)
        ) {
          continue;
        }
        seen.add(key);
        const times = bellsOf(sources.bells, lesson);
        planned.push({
          journalId: lesson.journalId,
          subjectId: journal?.subjectId ?? null,
          activityKind: journal?.activityKind ?? null,
          slot: lesson.slot,
          startsAt: times?.startsAt ?? null,
          endsAt: times?.endsAt ?? null,
          teacherId: lesson.teacherId,
          roomId: lesson.roomId,
          subgroup: lesson.subgroup,
          change: lesson.change,
          substituteFor: lesson.substituteFor,
        });
      }
    }
    planned.sort((a, b) => a.slot - b.slot || a.journalId.localeCompare(b.journalId));
    const homeworkDue = sources.homeworkDue
      .filter((homework) => homework.dueDate === date)
      .map(({ dueDate: _due, ...homework }) => homework)
      .sort(
        (a, b) => a.journalId.localeCompare(b.journalId) || a.lessonId.localeCompare(b.lessonId),
      );
    return { date, planned, homeworkDue };
  });
}
