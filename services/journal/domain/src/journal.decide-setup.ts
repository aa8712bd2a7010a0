import { isWithin } from '@ejournal/decider';
import type { JournalCommand } from './journal.commands';
import type { JournalFact } from './journal.events';
import { refuse } from './journal.errors';
import { calendarOf, policyOf, type OpenJournalState } from './journal.guards';
import { slotKey, type JournalState } from './journal.state';
import { AUTHORISERS, MANAGERS, requireRole } from './roles';

type Command<T extends JournalCommand['type']> = Extract<JournalCommand, { type: T }>;

/** Opens the journal and assigns its teachers from the first school day or today, if later. */
export function openJournal(command: Command<'OpenJournal'>, state: JournalState): JournalFact[] {
  const { journalId, schoolId, academicYear, groupId, kind, subjectId, scale } = command;
  const journal = { journalId, schoolId, academicYear, groupId, kind, subjectId, scale };
  const { facts, teacherIds } = command;
  requireRole(facts.caller, MANAGERS, 'open a journal');
  if (state.journal) {
    throw refuse.conflict('JOURNAL.ALREADY_OPENED', `Journal ${journal.journalId} is open`);
  }
  if (journal.kind === 'lesson' && journal.subjectId === null) {
    throw refuse.unprocessable('JOURNAL.SUBJECT_REQUIRED', 'A lesson journal needs a subject');
  }
  const calendar = calendarOf(facts);
  if (calendar.academicYear !== journal.academicYear) {
    throw refuse.precondition(
      'JOURNAL.NO_CALENDAR',
      `The school has no calendar for ${journal.academicYear}`,
    );
  }
  if (!policyOf(facts).markScales.includes(journal.scale)) {
    throw refuse.unprocessable(
      'JOURNAL.SCALE_NOT_ALLOWED',
      `The school's policy does not allow the ${journal.scale} scale`,
    );
  }
  // A journal is the record of its whole year: its first teachers teach it from the start,
  // so lessons held before it was opened in the system can still be entered.
  const fromDate = calendar.startsOn;
  return [
    { type: 'JournalOpened', data: journal },
    ...[...new Set(teacherIds)].map((teacherId) => ({
      type: 'TeacherAssigned' as const,
      data: { teacherId, fromDate },
    })),
  ];
}

/** Assignments are half-open intervals [fromDate, onDate); a new one may not overlap. */
export function assignTeacher(
  command: Command<'AssignTeacher'>,
  state: OpenJournalState,
): JournalFact[] {
  const { teacherId, fromDate, facts } = command;
  requireRole(facts.caller, MANAGERS, 'assign teachers');
  const overlaps = state.assignments.some(
    (a) => a.teacherId === teacherId && (a.onDate === null || a.onDate > fromDate),
  );
  if (overlaps) {
    throw refuse.conflict(
      'JOURNAL.TEACHER_ALREADY_ASSIGNED',
      `${teacherId} already teaches the journal on ${fromDate}`,
    );
  }
  return [{ type: 'TeacherAssigned', data: { teacherId, fromDate } }];
}

export function unassignTeacher(
  command: Command<'UnassignTeacher'>,
  state: OpenJournalState,
): JournalFact[] {
  const { teacherId, onDate, facts } = command;
  requireRole(facts.caller, MANAGERS, 'unassign teachers');
  const current = state.assignments.find((a) => a.teacherId === teacherId && a.onDate === null);
  if (!current || onDate < current.fromDate) {
    throw refuse.conflict(
      'JOURNAL.TEACHER_NOT_ASSIGNED',
      `${teacherId} is not assigned to the journal on ${onDate}`,
    );
  }
  return [{ type: 'TeacherUnassigned', data: { teacherId, onDate } }];
}

/** Naming the same substitute again for the slot is a retry and records nothing. */
export function assignSubstitute(
  command: Command<'AssignSubstitute'>,
  state: OpenJournalState,
): JournalFact[] {
  const { teacherId, date, slot, facts } = command;
  requireRole(facts.caller, AUTHORISERS, 'name substitutes');
  const calendar = calendarOf(facts);
  if (!isWithin(date, calendar)) {
    throw refuse.unprocessable(
      'JOURNAL.DATE_OUTSIDE_YEAR',
      `${date} is outside the academic year ${calendar.academicYear}`,
    );
  }
  if (state.substitutes[slotKey(date, slot)] === teacherId) return [];
  return [{ type: 'SubstituteAssigned', data: { teacherId, date, slot } }];
}
