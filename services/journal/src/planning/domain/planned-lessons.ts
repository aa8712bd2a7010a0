import type { IsoDate } from '@ejournal/decider';
import type {
  PlanningState,
  TemplateLesson,
  TimetableChange,
  TimetableVersion,
} from './planning.state';
import { weekdayOf } from './school-days';

/** A lesson the timetable plans on a date, with the day's changes applied. */
export interface PlannedLesson {
  groupId: string;
  journalId: string;
  date: IsoDate;
  slot: number;
  teacherId: string;
  roomId: string | null;
  subgroup: number | null;
  /** `timetable`, or the change that put it there (`extra`, `move`). */
  origin: 'timetable' | 'extra' | 'move';
  /** The teacher of the template when a substitute teaches it. */
  substituteFor: string | null;
  changeId: string | null;
}

/** The version of a group's timetable in force on a date, if any. */
export function versionOn(
  versions: readonly TimetableVersion[] | undefined,
  date: IsoDate,
): TimetableVersion | null {
  let found: TimetableVersion | null = null;
  for (const version of versions ?? []) {
    if (version.effectiveFrom <= date) found = version;
    else break;
  }
  return found;
}

/** The first day the version is no longer in force (its group's next version), or null. */
export function versionEnd(versions: readonly TimetableVersion[], effectiveFrom: IsoDate) {
  return versions.find((v) => v.effectiveFrom > effectiveFrom)?.effectiveFrom ?? null;
}

const fromTemplate = (groupId: string, date: IsoDate, lesson: TemplateLesson): PlannedLesson => ({
  groupId,
  journalId: lesson.journalId,
  date,
  slot: lesson.slot,
  teacherId: lesson.teacherId,
  roomId: lesson.roomId,
  subgroup: lesson.subgroup,
  origin: 'timetable',
  substituteFor: null,
  changeId: null,
});

const isChanged = (lesson: PlannedLesson, change: TimetableChange) =>
  lesson.groupId === change.groupId &&
  lesson.journalId === change.journalId &&
  lesson.date === change.date &&
  lesson.slot === change.slot;

/**
 * Every lesson planned on a date (school days are the caller's concern): each group's version
 * in force, its lessons of that weekday, then the date's changes in the order recorded.
 * `groups` narrows it to some groups (a journal's, a teacher's).
 */
export function lessonsOn(
  state: PlanningState,
  date: IsoDate,
  groups: Iterable<string> = Object.keys(state.versions),
): PlannedLesson[] {
  const day = weekdayOf(date);
  const wanted = new Set(groups);
  let lessons: PlannedLesson[] = [];
  for (const groupId of wanted) {
    const version = versionOn(state.versions[groupId], date);
    for (const lesson of version?.lessons ?? []) {
      if (lesson.day === day) lessons.push(fromTemplate(groupId, date, lesson));
    }
  }
  for (const changeId of state.changesByDate[date] ?? []) {
    const change = state.changes[changeId];
    if (!change || !wanted.has(change.groupId)) continue;
    lessons = applyChange(state, lessons, change, date);
  }
  return lessons.sort((a, b) => a.slot - b.slot || a.groupId.localeCompare(b.groupId));
}

function applyChange(
  state: PlanningState,
  lessons: PlannedLesson[],
  change: TimetableChange,
  date: IsoDate,
): PlannedLesson[] {
  switch (change.kind) {
    case 'cancellation':
      return lessons.filter((lesson) => !isChanged(lesson, change));
    case 'substitution':
      return lessons.map((lesson) =>
        isChanged(lesson, change) && change.teacherId
          ? {
              ...lesson,
              teacherId: change.teacherId,
              roomId: change.roomId ?? lesson.roomId,
              substituteFor: lesson.substituteFor ?? lesson.teacherId,
              changeId: change.changeId,
            }
          : lesson,
      );
    case 'extra':
      return [...lessons, extraLesson(change)];
    case 'move': {
      const moved = lessons.find((lesson) => isChanged(lesson, change));
      const rest = date === change.date ? lessons.filter((l) => !isChanged(l, change)) : lessons;
      if (date !== change.toDate || change.toSlot === null) return rest;
      const source = moved ?? movedFrom(state, change);
      if (!source) return rest;
      const target: PlannedLesson = {
        ...source,
        date,
        slot: change.toSlot,
        teacherId: change.teacherId ?? source.teacherId,
        roomId: change.roomId ?? source.roomId,
        origin: 'move',
        changeId: change.changeId,
      };
      return [...rest, target];
    }
    default: {
      const never: never = change.kind;
      return never;
    }
  }
}

const extraLesson = (change: TimetableChange): PlannedLesson => ({
  groupId: change.groupId,
  journalId: change.journalId,
  date: change.date,
  slot: change.slot,
  teacherId: change.teacherId ?? '',
  roomId: change.roomId,
  subgroup: null,
  origin: 'extra',
  substituteFor: null,
  changeId: change.changeId,
});

/** The lesson a move takes away, as planned on its own date (with that date's changes). */
function movedFrom(state: PlanningState, change: TimetableChange): PlannedLesson | null {
  const before = lessonsOnBefore(state, change);
  return before.find((l) => isChanged(l, change)) ?? null;
}

/** The source date's lessons with the changes recorded before the move. */
function lessonsOnBefore(state: PlanningState, move: TimetableChange): PlannedLesson[] {
  const ids = state.changesByDate[move.date] ?? [];
  const earlier = ids.slice(0, Math.max(0, ids.indexOf(move.changeId)));
  const changesByDate = { ...state.changesByDate, [move.date]: earlier };
  return lessonsOn({ ...state, changesByDate }, move.date, [move.groupId]);
}
