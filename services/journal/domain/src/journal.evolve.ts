import { unreachable } from '@ejournal/decider';
import type { JournalFact } from './journal.events';
import { cellKey, slotKey, type JournalState } from './journal.state';

/**
 * A state whose maps this fold owns: copied once per batch, so folding n events of a year's
 * journal costs O(n), not O(n × size). Entries are replaced, never changed in place, so the
 * state handed in (cached, snapshotted) is never touched.
 */
function draftOf(state: JournalState): JournalState {
  return {
    ...state,
    assignments: [...state.assignments],
    substitutes: { ...state.substitutes },
    lessons: { ...state.lessons },
    marks: { ...state.marks },
    attendance: { ...state.attendance },
    cellRevisions: { ...state.cellRevisions },
    closedPeriods: [...state.closedPeriods],
  };
}

/** Folds events in order; `version` counts every event, so it equals the stream version. */
export function evolveJournalAll(
  previous: JournalState,
  facts: readonly JournalFact[],
): JournalState {
  const draft = draftOf(previous);
  for (const fact of facts) apply(draft, fact);
  return draft;
}

/**
 * Folds events into the state itself: no copy, so a command on a year's journal costs what its
 * events cost. Only for a state its caller owns (`Decider.evolveOwned`).
 */
export function evolveJournalOwned(
  state: JournalState,
  facts: readonly JournalFact[],
): JournalState {
  for (const fact of facts) apply(state, fact);
  return state;
}

export function evolveJournal(previous: JournalState, fact: JournalFact): JournalState {
  return evolveJournalAll(previous, [fact]);
}

function apply(state: JournalState, fact: JournalFact): void {
  const version = (state.version += 1);
  const author = fact.actorId ?? null;
  const touch = (lessonId: string, pupilId: string) => {
    state.cellRevisions[cellKey(lessonId, pupilId)] = version;
  };
  switch (fact.type) {
    case 'JournalOpened':
      state.journal = fact.data;
      return;
    case 'TeacherAssigned':
      state.assignments.push({ ...fact.data, onDate: null });
      return;
    case 'TeacherUnassigned':
      state.assignments = state.assignments.map((a) =>
        a.teacherId === fact.data.teacherId && a.onDate === null
          ? { ...a, onDate: fact.data.onDate }
          : a,
      );
      return;
    case 'SubstituteAssigned':
      state.substitutes[slotKey(fact.data.date, fact.data.slot)] = fact.data.teacherId;
      return;
    case 'LessonHeld': {
      const { lessonId, date, slot, topic, homework } = fact.data;
      state.lessons[lessonId] = {
        date,
        slot,
        topic,
        homework,
        voided: false,
        author,
        revision: version,
      };
      return;
    }
    case 'LessonEdited':
    case 'LessonVoided': {
      const lesson = state.lessons[fact.data.lessonId];
      if (!lesson) return;
      state.lessons[fact.data.lessonId] =
        fact.type === 'LessonEdited'
          ? { ...lesson, topic: fact.data.topic, homework: fact.data.homework, revision: version }
          : { ...lesson, voided: true, revision: version };
      return;
    }
    case 'MarkRecorded': {
      const { markId, lessonId, pupilId, value, workType, weight } = fact.data;
      const lastEventId = fact.eventId ?? '';
      state.marks[markId] = {
        lessonId,
        pupilId,
        value,
        workType,
        weight,
        revoked: false,
        author,
        lastEventId,
      };
      touch(lessonId, pupilId);
      return;
    }
    case 'MarkCorrected':
    case 'MarkRevoked': {
      const mark = state.marks[fact.data.markId];
      if (!mark) return;
      state.marks[fact.data.markId] =
        fact.type === 'MarkCorrected'
          ? { ...mark, value: fact.data.value, lastEventId: fact.eventId ?? '' }
          : { ...mark, revoked: true };
      touch(mark.lessonId, mark.pupilId);
      return;
    }
    case 'AttendanceRecorded':
    case 'AttendanceCorrected': {
      const { lessonId, pupilId } = fact.data;
      const key = cellKey(lessonId, pupilId);
      state.attendance[key] =
        fact.type === 'AttendanceRecorded'
          ? { status: fact.data.status, author }
          : {
              author: state.attendance[key]?.author ?? null,
              status: fact.data.to === 'present' ? null : fact.data.to,
            };
      touch(lessonId, pupilId);
      return;
    }
    case 'PeriodClosed':
      state.closedPeriods = [...state.closedPeriods, fact.data.period].sort((a, b) => a - b);
      return;
    case 'PeriodReopened':
      state.closedPeriods = state.closedPeriods.filter((period) => period !== fact.data.period);
      return;
    case 'JournalSealed':
      state.sealed = true;
      return;
    default:
      unreachable(fact);
  }
}
