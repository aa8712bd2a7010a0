import type { JournalCommand } from './journal.commands';
import type { JournalFact } from './journal.events';
import { refuse } from './journal.errors';
import { calendarOf, policyOf, requireOrder, type OpenJournalState } from './journal.guards';
import { AUTHORISERS, MANAGERS, requireRole } from './roles';

type Command<T extends JournalCommand['type']> = Extract<JournalCommand, { type: T }>;

export function closePeriod(
  command: Command<'ClosePeriod'>,
  state: OpenJournalState,
): JournalFact[] {
  const { period, facts } = command;
  requireRole(facts.caller, MANAGERS, 'close periods');
  if (!calendarOf(facts).periods.some((p) => p.number === period)) {
    throw refuse.unprocessable('JOURNAL.UNKNOWN_PERIOD', `The calendar has no period ${period}`);
  }
  if (state.closedPeriods.includes(period)) {
    throw refuse.conflict('JOURNAL.PERIOD_ALREADY_CLOSED', `Period ${period} is already closed`);
  }
  return [{ type: 'PeriodClosed', data: { period } }];
}

export function reopenPeriod(
  command: Command<'ReopenPeriod'>,
  state: OpenJournalState,
): JournalFact[] {
  const { period, reason, orderRef, facts } = command;
  requireRole(facts.caller, AUTHORISERS, 'reopen periods');
  if (!state.closedPeriods.includes(period)) {
    throw refuse.conflict('JOURNAL.PERIOD_NOT_CLOSED', `Period ${period} is not closed`);
  }
  requireOrder(policyOf(facts), orderRef);
  const authorisedBy = facts.caller.userId;
  return [{ type: 'PeriodReopened', data: { period, reason, authorisedBy, orderRef } }];
}

/** The year is over once every period is closed; the journal then refuses everything. */
export function sealJournal(
  command: Command<'SealJournal'>,
  state: OpenJournalState,
): JournalFact[] {
  requireRole(command.facts.caller, MANAGERS, 'seal journals');
  const open = calendarOf(command.facts)
    .periods.map((p) => p.number)
    .filter((period) => !state.closedPeriods.includes(period));
  if (open.length > 0) {
    throw refuse.conflict('JOURNAL.PERIODS_OPEN', `Periods ${open.join(', ')} are still open`);
  }
  return [{ type: 'JournalSealed', data: { academicYear: state.journal.academicYear } }];
}
