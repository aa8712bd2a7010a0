import type { IsoDate } from '@ejournal/decider';

/**
 * What a command needs from outside its stream, gathered by the handler from local projections
 * of identity's topic (never fetched during the command) and the clock.
 */

/** The caller and the roles they hold over the journal's school (or its class). */
export interface Caller {
  userId: string;
  roles: readonly string[];
}

export interface PeriodFacts {
  number: number;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

export interface CalendarFacts {
  academicYear: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  periods: readonly PeriodFacts[];
}

/** The school's policy version in force today (identity's `SchoolPolicyPublished`). */
export interface PolicyFacts {
  policyVersion: number;
  correctionWindowDays: number;
  afterWindowAuthorisedBy: readonly string[];
  afterPeriodClosedAuthorisedBy: readonly string[];
  orderRequired: boolean;
  markScales: readonly string[];
  workTypeWeights: readonly { workType: string; weight: number }[];
}

export interface CommandFacts {
  caller: Caller;
  /** The instant of the command; "today" is its date in `timeZone`. */
  now: string;
  timeZone: string;
  /** The school's calendar of the journal's academic year; null when none is set. */
  calendar: CalendarFacts | null;
  policy: PolicyFacts | null;
  /**
   * Pupils in the journal's group (a class or an ad-hoc group) on the date the command is
   * about (the lesson's date); empty when the command concerns no lesson.
   */
  enrolled: readonly string[];
}
