import type { IsoDate } from '@ejournal/decider';
import { lessonsOn, type PlannedLesson } from './planned-lessons';
import type { PlanningState } from './planning.state';
import { schoolDays, type DateRange, type PlanningCalendar } from './school-days';
import type { ThematicItem } from './thematic.decider';

/** A lesson held, as the journal's read model shows it. */
export interface HeldLesson {
  lessonId: string;
  date: IsoDate;
  slot: number;
  topic: string;
}

/** A column of the grid the timetable plans: held when a lesson was recorded on it. */
export interface PlannedColumn {
  date: IsoDate;
  slot: number;
  teacherId: string;
  roomId: string | null;
  origin: PlannedLesson['origin'];
  /** The teacher the substitute stands in for, when substituted. */
  substituteFor: string | null;
  /** The lesson recorded on this column, if any. */
  lessonId: string | null;
  /** The thematic plan's next item for a column not yet held. */
  proposedTopic: { number: number; section: string | null; topic: string } | null;
}

/** The groups whose timetable ever names the journal (template or change). */
export function groupsOfJournal(state: PlanningState, journalId: string): string[] {
  const groups = new Set<string>();
  for (const [groupId, versions] of Object.entries(state.versions)) {
    if (versions.some((v) => v.lessons.some((lesson) => lesson.journalId === journalId))) {
      groups.add(groupId);
    }
  }
  for (const change of Object.values(state.changes)) {
    if (change.journalId === journalId) groups.add(change.groupId);
  }
  return [...groups];
}

/**
 * The journal's lessons the timetable plans over a range of the calendar: school days only
 * (periods, no holidays), cancellations out, moves and extras in, a substitute named. A lesson
 * shown in several classes' timetables (a group across classes) is one column.
 */
export function plannedLessons(
  state: PlanningState,
  journalId: string,
  calendar: PlanningCalendar,
  range: DateRange,
): PlannedLesson[] {
  const groups = groupsOfJournal(state, journalId);
  if (groups.length === 0) return [];
  const found: PlannedLesson[] = [];
  for (const date of schoolDays(calendar, range)) {
    const seen = new Set<number>();
    for (const lesson of lessonsOn(state, date, groups)) {
      if (lesson.journalId !== journalId || seen.has(lesson.slot)) continue;
      seen.add(lesson.slot);
      found.push(lesson);
    }
  }
  return found;
}

const normalised = (topic: string) => topic.trim().toLocaleLowerCase('ru').replace(/\s+/g, ' ');

/** The items of the plan a held lesson's topic covers (same wording, case and spaces aside). */
export function coveredItems(items: readonly ThematicItem[], held: readonly HeldLesson[]) {
  const topics = new Set(held.map((lesson) => normalised(lesson.topic)));
  return items.filter((item) => topics.has(normalised(item.topic)));
}

/**
 * Planned columns with what was held on them (same date and slot) and, for those not yet held,
 * the plan's next uncovered items in order (an item of N hours proposed for N columns).
 */
export function plannedColumns(
  planned: readonly PlannedLesson[],
  held: readonly HeldLesson[],
  items: readonly ThematicItem[],
): PlannedColumn[] {
  const heldAt = new Map(held.map((lesson) => [`${lesson.date}|${lesson.slot}`, lesson]));
  const covered = new Set(coveredItems(items, held).map((item) => item.number));
  const queue = items
    .filter((item) => !covered.has(item.number))
    .flatMap((item) => Array.from({ length: item.hours }, () => item));
  let next = 0;
  return planned.map((lesson) => {
    const recorded = heldAt.get(`${lesson.date}|${lesson.slot}`) ?? null;
    const item = recorded ? undefined : queue[next++];
    return {
      date: lesson.date,
      slot: lesson.slot,
      teacherId: lesson.teacherId,
      roomId: lesson.roomId,
      origin: lesson.origin,
      substituteFor: lesson.substituteFor,
      lessonId: recorded?.lessonId ?? null,
      proposedTopic: item
        ? { number: item.number, section: item.section, topic: item.topic }
        : null,
    };
  });
}
