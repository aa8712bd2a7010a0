import type { Role } from '../grants/role-scopes';
import type { Column, HeaderMapping } from './roster-columns';
import { readPerson, type PersonalData } from './roster-person';
import {
  KINDS,
  parseClassLabel,
  parseDate,
  RELATIONS,
  splitList,
  STAFF_ROLES,
} from './roster-values';
import type { GuardianLinked } from '@ejournal/contracts';

interface PersonRowBase {
  line: number;
  key: string;
  /** The region-wide id, given when the person is already known (a pupil changing school). */
  personId: string | null;
  person: PersonalData;
}

export type RosterRow =
  | { line: number; kind: 'class'; key: string; grade: number; letter: string }
  | (PersonRowBase & { kind: 'pupil'; classLabel: string; enrolledOn: string | null })
  | (PersonRowBase & {
      kind: 'guardian';
      children: string[];
      relation: GuardianLinked['data']['relation'];
    })
  | (PersonRowBase & { kind: 'staff'; roles: Role[]; classLabel: string | null });

export interface RowIssue {
  /** The line of the file, the header being line 1. */
  line: number;
  key: string | null;
  column: Column | null;
  code: `IDENTITY.${string}`;
  message: string;
}

const KEY = /^[\p{L}\d][\p{L}\d._:/-]{0,63}$/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Reads each record into a typed row, collecting every problem rather than the first. */
export function readRosterRows(mapping: HeaderMapping, records: readonly string[][]) {
  const rows: RosterRow[] = [];
  const issues: RowIssue[] = [];
  records.forEach((record, index) => {
    const line = index + 2;
    const cell = (column: Column) => {
      const position = mapping.columns.indexOf(column);
      return position < 0 ? '' : (record[position] ?? '').trim().replace(/\s+/g, ' ');
    };
    const key = cell('key');
    const found: RowIssue[] = [];
    const issue = (column: Column | null, code: RowIssue['code'], message: string) =>
      found.push({ line, key: key || null, column, code, message });
    const row = readRow(cell, line, key, issue);
    issues.push(...found);
    if (row && found.length === 0) rows.push(row);
  });
  return { rows, issues };
}

export type Cell = (column: Column) => string;
export type Report = (column: Column | null, code: RowIssue['code'], message: string) => void;

function readRow(cell: Cell, line: number, key: string, issue: Report): RosterRow | null {
  const kind = KINDS[cell('kind').toLowerCase().replace(/ё/g, 'е')];
  if (!kind) {
    issue(
      'kind',
      'IDENTITY.IMPORT_UNKNOWN_KIND',
      'The type must be класс, ученик, родитель or сотрудник',
    );
    return null;
  }
  if (!KEY.test(key))
    issue(
      'key',
      'IDENTITY.IMPORT_INVALID_KEY',
      'The key must be 1–64 letters, digits or . _ : / -',
    );
  const label = cell('class') ? parseClassLabel(cell('class')) : null;
  if (cell('class') && !label)
    issue('class', 'IDENTITY.IMPORT_INVALID_CLASS', `"${cell('class')}" is not a class like 7А`);
  const classLabel = label ? `${label.grade}${label.letter}` : null;
  if (kind === 'class') {
    if (!label)
      issue('class', 'IDENTITY.IMPORT_INVALID_CLASS', 'A class row needs its class, like 7А');
    return label ? { line, kind, key, ...label } : null;
  }
  const person = readPerson(cell, kind === 'pupil', issue);
  const personId = cell('personId') || null;
  if (personId && !UUID.test(personId))
    issue(
      'personId',
      'IDENTITY.IMPORT_INVALID_PERSON_ID',
      'The id must be a region-wide person id',
    );
  if (!person) return null;
  const base = { line, key, personId, person };
  if (kind === 'pupil') {
    if (!cell('class'))
      issue('class', 'IDENTITY.IMPORT_INVALID_CLASS', 'A pupil needs a class, like 7А');
    const enrolledOn = cell('enrolledOn') ? parseDate(cell('enrolledOn')) : null;
    if (cell('enrolledOn') && !enrolledOn)
      issue(
        'enrolledOn',
        'IDENTITY.IMPORT_INVALID_DATE',
        'The enrolment date must be like 01.09.2026',
      );
    return { ...base, kind, classLabel: classLabel ?? '', enrolledOn };
  }
  if (kind === 'guardian') {
    const children = splitList(cell('children'));
    if (children.length === 0)
      issue(
        'children',
        'IDENTITY.IMPORT_NO_CHILDREN',
        "A guardian row lists the keys of the guardian's children",
      );
    const relation = RELATIONS[cell('relation').toLowerCase()];
    if (!relation)
      issue(
        'relation',
        'IDENTITY.IMPORT_INVALID_RELATION',
        'The relation must be мать, отец, опекун or empty',
      );
    return { ...base, kind, children, relation: relation ?? 'other' };
  }
  const names = splitList(cell('roles'));
  const roles = [...new Set(names.map((name) => STAFF_ROLES[name.toLowerCase()]))];
  if (names.length === 0 || roles.includes(undefined)) {
    issue(
      'roles',
      'IDENTITY.IMPORT_INVALID_ROLE',
      'Roles are учитель, классный руководитель, завуч, директор, администратор',
    );
  }
  if (roles.includes('class_teacher') && !classLabel) {
    issue('class', 'IDENTITY.IMPORT_INVALID_CLASS', 'A class teacher needs the class, like 7А');
  }
  return {
    ...base,
    kind,
    roles: roles.filter((role): role is Role => role !== undefined),
    classLabel,
  };
}
