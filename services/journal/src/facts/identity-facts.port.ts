import type { IsoDate } from '@ejournal/decider';
import type { CalendarFacts, PolicyFacts } from '@ejournal/journal-domain';

export interface SchoolFacts {
  schoolId: string;
  regionId: string;
  timeZone: string;
}

/** A class (`kind: 'class'`) or an ad-hoc group of identity, either can be a journal's group. */
export interface GroupFacts {
  groupId: string;
  schoolId: string;
  academicYear: string;
  kind:
    'class' | 'subgroup' | 'elective' | 'club' | 'extended_day' | 'extracurricular' | 'individual';
}

export interface AveragingFacts {
  method: 'weighted' | 'arithmetic';
  decimals: number;
  rounding: 'half_up' | 'half_even';
}

export type SchoolPolicy = PolicyFacts & { effectiveFrom: IsoDate; averaging: AveragingFacts };

/**
 * Identity's facts as the journal projected them from `ejournal.identity.events.v1`. Commands
 * read these locally; identity is never called during a command.
 */
export interface IdentityFacts {
  school(schoolId: string): Promise<SchoolFacts | null>;
  group(groupId: string): Promise<GroupFacts | null>;
  /** The calendar in force (the latest set) for the school's academic year. */
  calendar(schoolId: string, academicYear: string): Promise<CalendarFacts | null>;
  /** The policy version in force on a date: the highest version effective on or before it. */
  policyOn(schoolId: string, date: IsoDate): Promise<SchoolPolicy | null>;
  /** Pupils in a class or group on a date (half-open intervals), sorted by id. */
  membersOn(groupId: string, date: IsoDate): Promise<string[]>;
  /** Pupils who were in the class or group on any day of a range, sorted by id. */
  membersDuring(groupId: string, startsOn: IsoDate, endsOn: IsoDate): Promise<string[]>;
  /** The schools a person holds or held a staff grant in (where she may be assigned). */
  staffSchools(personId: string): Promise<string[]>;
  /** The class a pupil was in on a date. */
  classOf(pupilId: string, date: IsoDate): Promise<{ schoolId: string; classId: string } | null>;
  /** Moves on with every fact applied: answers built from the facts are as fresh as it. */
  revision(): Promise<number>;
}

export const IDENTITY_FACTS = Symbol('IDENTITY_FACTS');
