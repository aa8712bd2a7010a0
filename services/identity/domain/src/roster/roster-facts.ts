import type { GuardianLinked } from '@ejournal/contracts';
import type { Role, StoredScope } from '../grants/role-scopes';
import type { PersonalData } from './roster-person';
import type { RosterRow } from './roster-row';

export type RosterKind = RosterRow['kind'];

/** What the planner needs to know of the school and region, loaded before planning. */
export interface RosterFacts {
  schoolId: string;
  academicYear: string;
  year: { startsOn: string; endsOn: string };
  /** The school's external keys already mapped. */
  keys: ReadonlyMap<string, { kind: RosterKind; id: string }>;
  /** Classes of the year by label (`7А`). */
  classes: ReadonlyMap<string, string>;
  /** People the file names by region-wide id, as stored. */
  knownPeople: ReadonlyMap<string, PersonalData>;
  /** People of the region with a new row's names and birth date: name key → ids. */
  namesakes: ReadonlyMap<string, readonly string[]>;
  newId: () => string;
}

export interface PlannedPerson {
  line: number;
  key: string;
  kind: Exclude<RosterKind, 'class'>;
  personId: string;
  /** The key is not mapped yet: the mapping is written with the person. */
  newKey: boolean;
  person: PersonalData;
}

/** Everything a roster file asks for; applying it is idempotent. */
export interface RosterPlan {
  classes: {
    line: number;
    key: string;
    classId: string;
    grade: number;
    letter: string;
    newKey: boolean;
  }[];
  people: PlannedPerson[];
  enrolments: { line: number; pupilId: string; classId: string; onDate: string }[];
  guardianships: {
    line: number;
    guardianId: string;
    pupilId: string;
    relation: GuardianLinked['data']['relation'];
    validFrom: string;
    validUntil: string | null;
  }[];
  grants: { line: number; personId: string; role: Role; scope: StoredScope }[];
}

/** Names and birth date, case- and ё-insensitive: how duplicates are recognised. */
export function nameKey(person: PersonalData): string {
  const part = (value: string | null) => (value ?? '').toLowerCase().replace(/ё/g, 'е');
  return [person.surname, person.givenName, person.patronymic, person.birthDate]
    .map(part)
    .join('|');
}
