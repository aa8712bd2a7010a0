import { isWithin, type IsoDate } from '@ejournal/decider';
import type { PlanningFacts } from './planning.commands';
import { refusePlanning, type PlanningEntry } from './planning.errors';
import { lessonsOn, type PlannedLesson } from './planned-lessons';
import type { PlanningState, TimetableChange } from './planning.state';
import { isSchoolDay, type PlanningCalendar } from './school-days';

/** Refuses a change whose shape does not fit its kind, or whose days are not school days. */
function assertChangeShape(change: TimetableChange, calendar: PlanningCalendar): void {
  const invalid = (detail: string) =>
    refusePlanning.unprocessable('PLANNING.INVALID_CHANGE', detail);
  if ((change.kind === 'substitution' || change.kind === 'extra') && !change.teacherId) {
    throw invalid(`A ${change.kind} names the teacher who gives the lesson`);
  }
  if (change.kind === 'move' && (change.toDate === null || change.toSlot === null)) {
    throw invalid('A move names the date and slot the lesson moves to');
  }
  if (change.kind !== 'move' && (change.toDate !== null || change.toSlot !== null)) {
    throw invalid('Only a move names a date and slot to move to');
  }
  for (const date of [change.date, change.toDate].filter((d): d is IsoDate => d !== null)) {
    if (!isWithin(date, calendar)) {
      throw refusePlanning.unprocessable(
        'PLANNING.DATE_OUTSIDE_YEAR',
        `${date} is outside the year`,
      );
    }
    if (!isSchoolDay(calendar, date)) {
      throw refusePlanning.unprocessable('PLANNING.NOT_A_SCHOOL_DAY', `${date} is a holiday`);
    }
  }
}

const sameLesson = (lesson: PlannedLesson, change: TimetableChange) =>
  lesson.groupId === change.groupId &&
  lesson.journalId === change.journalId &&
  lesson.slot === change.slot;

/**
 * Checks a one-off change against the day as planned: the lesson it changes must be planned,
 * and wherever it puts a teacher, a room or the class (a substitute, an extra or moved lesson),
 * that place must be free. Every conflict is listed.
 */
export function checkChange(state: PlanningState, change: TimetableChange, facts: PlanningFacts) {
  if (!facts.calendar) {
    throw refusePlanning.precondition(
      'PLANNING.NO_CALENDAR',
      'The school has no calendar for the year',
    );
  }
  if (state.changes[change.changeId]) {
    throw refusePlanning.conflict('PLANNING.CHANGE_EXISTS', `Change ${change.changeId} exists`);
  }
  assertChangeShape(change, facts.calendar);
  if (!facts.groups.includes(change.groupId)) {
    throw refusePlanning.unprocessable(
      'PLANNING.UNKNOWN_GROUP',
      `No class or group ${change.groupId}`,
    );
  }
  const day = lessonsOn(state, change.date);
  const planned = day.find((lesson) => sameLesson(lesson, change));
  if (change.kind !== 'extra' && !planned) {
    throw refusePlanning.notFound(
      'PLANNING.NO_LESSON_PLANNED',
      `No lesson of journal ${change.journalId} is planned for ${change.groupId} on ${change.date}, slot ${change.slot}`,
    );
  }
  const faults: PlanningEntry[] = [];
  if (change.teacherId && !facts.staff.includes(change.teacherId)) {
    faults.push({
      code: 'PLANNING.UNKNOWN_TEACHER',
      detail: `Teacher ${change.teacherId} is not staff of this school`,
      teacherId: change.teacherId,
    });
  }
  const journal = facts.journals[change.journalId];
  if (change.kind === 'extra' && (!journal || journal.schoolId !== facts.schoolId)) {
    faults.push({
      code: 'PLANNING.UNKNOWN_JOURNAL',
      detail: `No journal ${change.journalId}`,
      journalId: change.journalId,
    });
  }
  faults.push(...placeFaults(state, change, planned ?? null));
  if (faults.length > 0) throw refusePlanning.conflicts(faults);
}

/** Where the change puts someone: free then, apart from the lesson it changes itself. */
function placeFaults(state: PlanningState, change: TimetableChange, planned: PlannedLesson | null) {
  if (change.kind === 'cancellation') return [];
  const date = change.kind === 'move' ? (change.toDate as IsoDate) : change.date;
  const slot = change.kind === 'move' ? (change.toSlot as number) : change.slot;
  const teacherId = change.teacherId ?? planned?.teacherId ?? null;
  const roomId = change.roomId ?? planned?.roomId ?? null;
  const others = lessonsOn(state, date).filter(
    (lesson) =>
      lesson.slot === slot &&
      !(planned && lesson.date === planned.date && sameLesson(lesson, change)),
  );
  const where = { date, slot, groupId: change.groupId };
  const faults: PlanningEntry[] = [];
  for (const other of others) {
    const at = { ...where, otherGroupId: other.groupId };
    if (change.kind !== 'substitution' && other.groupId === change.groupId) {
      faults.push({
        code: 'PLANNING.CLASS_SLOT_TAKEN',
        detail: `The class has a lesson on ${date}, slot ${slot}`,
        ...at,
      });
    }
    if (other.journalId === change.journalId && other.groupId !== change.groupId) continue;
    if (teacherId && other.teacherId === teacherId) {
      faults.push({
        code: 'PLANNING.TEACHER_BUSY',
        detail: `Teacher ${teacherId} teaches ${other.groupId} then`,
        ...at,
        teacherId,
      });
    }
    if (roomId && other.roomId === roomId) {
      faults.push({
        code: 'PLANNING.ROOM_BUSY',
        detail: `Room ${roomId} is taken by ${other.groupId} then`,
        ...at,
        roomId,
      });
    }
  }
  return faults;
}
