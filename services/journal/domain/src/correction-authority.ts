import type { Authorisation } from './journal.commands';
import { addDays, type IsoDate } from '@ejournal/decider';
import type { CommandFacts } from './journal.facts';
import { refuse } from './journal.errors';
import {
  calendarOf,
  isClosedOn,
  policyOf,
  requireOrder,
  todayOf,
  type OpenJournalState,
} from './journal.guards';
import { holdsAny } from './roles';

/** What every correction event records about its authority. */
export interface CorrectionFields {
  reason: string;
  authorisedBy: string | null;
  orderRef: string | null;
  policyVersion: number;
}

interface Target {
  /** The date of the lesson the corrected entry belongs to. */
  lessonDate: IsoDate;
  /** Who entered it: the author of the mark, attendance entry or lesson. */
  author: string | null;
}

/**
 * The author corrects their own entry alone while the period is open and the window lasts
 * (today ≤ lesson date + window days, today in the school's zone). Anyone else, or the author
 * later, needs a role the policy names, and an order when the policy requires one.
 */
export function authoriseCorrection(
  state: OpenJournalState,
  { facts, reason, orderRef }: Authorisation & { facts: CommandFacts },
  target: Target,
): CorrectionFields {
  const calendar = calendarOf(facts);
  const policy = policyOf(facts);
  const { caller } = facts;
  const periodClosed = isClosedOn(state, calendar, target.lessonDate);
  const windowOpen = todayOf(facts) <= addDays(target.lessonDate, policy.correctionWindowDays);
  const isAuthor = target.author !== null && target.author === caller.userId;
  const policyVersion = policy.policyVersion;
  if (!periodClosed && windowOpen && isAuthor) {
    return { reason, authorisedBy: null, orderRef, policyVersion };
  }
  const authorisers = periodClosed
    ? policy.afterPeriodClosedAuthorisedBy
    : policy.afterWindowAuthorisedBy;
  if (holdsAny(caller, authorisers)) {
    requireOrder(policy, orderRef);
    return { reason, authorisedBy: caller.userId, orderRef, policyVersion };
  }
  if (periodClosed) {
    throw refuse.conflict(
      'JOURNAL.PERIOD_CLOSED',
      `The period is closed: only ${authorisers.join(', ')} may correct its entries`,
    );
  }
  if (isAuthor) {
    throw refuse.forbidden(
      'JOURNAL.CORRECTION_WINDOW_CLOSED',
      `The ${policy.correctionWindowDays}-day correction window is over: ask ${authorisers.join(', ')}`,
    );
  }
  throw refuse.forbidden(
    'JOURNAL.NOT_AUTHOR',
    `Only the author or ${authorisers.join(', ')} may correct the entry`,
  );
}
