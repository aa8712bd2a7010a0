import type { JournalOpened } from '@ejournal/contracts';
import { periodOf, todayIn, type IsoDate } from '@ejournal/decider';
import type { CalendarFacts, CommandFacts, PolicyFacts } from './journal.facts';
import { refuse } from './journal.errors';
import type { JournalState } from './journal.state';

/** The state of a journal that was opened (and not sealed): what most commands act on. */
export type OpenJournalState = JournalState & { journal: JournalOpened['data'] };

export function calendarOf(facts: CommandFacts): CalendarFacts {
  if (facts.calendar === null) {
    throw refuse.precondition('JOURNAL.NO_CALENDAR', 'The school has no calendar for the year');
  }
  return facts.calendar;
}

export function policyOf(facts: CommandFacts): PolicyFacts {
  if (facts.policy === null) {
    throw refuse.precondition('JOURNAL.NO_POLICY', 'The school has no policy in force');
  }
  return facts.policy;
}

export const todayOf = (facts: CommandFacts): IsoDate => todayIn(facts.timeZone, facts.now);

/** Whether the period a date falls in is closed; a date in no period is in no closed one. */
export function isClosedOn(state: JournalState, calendar: CalendarFacts, date: IsoDate): boolean {
  const period = periodOf(calendar, date);
  return period !== null && state.closedPeriods.includes(period);
}

export function refuseIfClosed(state: JournalState, calendar: CalendarFacts, date: IsoDate): void {
  if (isClosedOn(state, calendar, date)) {
    throw refuse.conflict(
      'JOURNAL.PERIOD_CLOSED',
      `The period of ${date} is closed: it changes only after an authorised reopening`,
    );
  }
}

export function requireOrder(policy: PolicyFacts, orderRef: string | null): void {
  if (policy.orderRequired && orderRef === null) {
    throw refuse.unprocessable('JOURNAL.ORDER_REQUIRED', 'The policy requires an order reference');
  }
}
