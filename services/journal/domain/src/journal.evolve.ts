import { unreachable } from './decider';
import type { JournalFact } from './journal.events';
import { cellKey, slotKey, type JournalState } from './journal.state';

/** Folds one event; `version` counts every event, so it equals the stream version. */
export function evolveJournal(previous: JournalState, fact: JournalFact): JournalState {
  const version = previous.version + 1;
  const state = { ...previous, version };
  const author = fact.actorId ?? null;
  const touch = (lessonId: string, pupilId: string) => ({
    ...state.cellRevisions,
    [cellKey(lessonId, pupilId)]: version,
  });
  switch (fact.type) {
    case 'JournalOpened':
      return { ...state, journal: fact.data };
    case 'TeacherAssigned':
      return {
        ...state,
        assignments: [
          ...state.assignments,
          { teacherId: fact.data.teacherId, fromDate: fact.data.fromDate, onDate: null },
        ],
      };
    case 'TeacherUnassigned':
      return {
        ...state,
        assignments: state.assignments.map((a) =>
          a.teacherId === fact.data.teacherId && a.onDate === null
            ? { ...a, onDate: fact.data.onDate }
            : a,
        ),
      };
    case 'SubstituteAssigned':
      return {
        ...state,
        substitutes: {
          ...state.substitutes,
          [slotKey(fact.data.date, fact.data.slot)]: fact.data.teacherId,
        },
      };
    case 'LessonHeld': {
      const { lessonId, date, slot, topic, homework } = fact.data;
      const lesson = { date, slot, topic, homework, voided: false, author, revision: version };
      return { ...state, lessons: { ...state.lessons, [lessonId]: lesson } };
    }
    case 'LessonEdited':
    case 'LessonVoided': {
      const lesson = state.lessons[fact.data.lessonId];
      if (!lesson) return state;
      const changed =
        fact.type === 'LessonEdited'
          ? { ...lesson, topic: fact.data.topic, homework: fact.data.homework, revision: version }
          : { ...lesson, voided: true, revision: version };
      return { ...state, lessons: { ...state.lessons, [fact.data.lessonId]: changed } };
    }
    case 'MarkRecorded': {
      const { markId, lessonId, pupilId, value, workType, weight } = fact.data;
      const lastEventId = fact.eventId ?? '';
      const mark = {
        lessonId,
        pupilId,
        value,
        workType,
        weight,
        revoked: false,
        author,
        lastEventId,
      };
      return {
        ...state,
        marks: { ...state.marks, [markId]: mark },
        cellRevisions: touch(lessonId, pupilId),
      };
    }
    case 'MarkCorrected':
    case 'MarkRevoked': {
      const mark = state.marks[fact.data.markId];
      if (!mark) return state;
      const changed =
        fact.type === 'MarkCorrected'
          ? { ...mark, value: fact.data.value, lastEventId: fact.eventId ?? '' }
          : { ...mark, revoked: true };
      return {
        ...state,
        marks: { ...state.marks, [fact.data.markId]: changed },
        cellRevisions: touch(mark.lessonId, mark.pupilId),
      };
    }
    case 'AttendanceRecorded':
    case 'AttendanceCorrected': {
      const { lessonId, pupilId } = fact.data;
      const key = cellKey(lessonId, pupilId);
      const entry =
        fact.type === 'AttendanceRecorded'
          ? { status: fact.data.status, author }
          : {
              author: state.attendance[key]?.author ?? null,
              status: fact.data.to === 'present' ? null : fact.data.to,
            };
      return {
        ...state,
        attendance: { ...state.attendance, [key]: entry },
        cellRevisions: touch(lessonId, pupilId),
      };
    }
    case 'PeriodClosed':
      return {
        ...state,
        closedPeriods: [...state.closedPeriods, fact.data.period].sort((a, b) => a - b),
      };
    case 'PeriodReopened':
      return {
        ...state,
        closedPeriods: state.closedPeriods.filter((period) => period !== fact.data.period),
      };
    case 'JournalSealed':
      return { ...state, sealed: true };
    default:
      return unreachable(fact);
  }
}
