import { unreachable } from '@ejournal/decider';
import type { JournalCommand } from './journal.commands';
import type { JournalFact } from './journal.events';
import { refuse } from './journal.errors';
import {
  correctAttendance,
  correctMark,
  editLesson,
  revokeMark,
  voidLesson,
} from './journal.decide-corrections';
import { recordEntries, recordLesson } from './journal.decide-lessons';
import { closePeriod, reopenPeriod, sealJournal } from './journal.decide-periods';
import {
  assignSubstitute,
  assignTeacher,
  openJournal,
  unassignTeacher,
} from './journal.decide-setup';
import type { JournalState } from './journal.state';

/** Refuses everything on an unopened or a sealed journal, then hands over by command. */
export function decideJournal(command: JournalCommand, state: JournalState): JournalFact[] {
  if (state.sealed) {
    throw refuse.conflict('JOURNAL.SEALED', 'The journal is sealed: the year is over');
  }
  if (command.type === 'OpenJournal') return openJournal(command, state);
  const { journal } = state;
  if (journal === null) throw refuse.notFound('JOURNAL.NOT_FOUND', 'No such journal');
  const opened = { ...state, journal };
  switch (command.type) {
    case 'AssignTeacher':
      return assignTeacher(command, opened);
    case 'UnassignTeacher':
      return unassignTeacher(command, opened);
    case 'AssignSubstitute':
      return assignSubstitute(command, opened);
    case 'RecordLesson':
      return recordLesson(command, opened);
    case 'RecordEntries':
      return recordEntries(command, opened);
    case 'CorrectMark':
      return correctMark(command, opened);
    case 'RevokeMark':
      return revokeMark(command, opened);
    case 'CorrectAttendance':
      return correctAttendance(command, opened);
    case 'EditLesson':
      return editLesson(command, opened);
    case 'VoidLesson':
      return voidLesson(command, opened);
    case 'ClosePeriod':
      return closePeriod(command, opened);
    case 'ReopenPeriod':
      return reopenPeriod(command, opened);
    case 'SealJournal':
      return sealJournal(command, opened);
    default:
      return unreachable(command);
  }
}
