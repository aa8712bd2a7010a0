import { anniversary, isWithin } from '@ejournal/decider';
import type { PlannedPerson, RosterFacts, RosterPlan } from './roster-facts';
import type { IssueLog } from './roster-issues';
import type { RosterRow } from './roster-row';

interface Planned {
  classIds: ReadonlyMap<string, string>;
  people: ReadonlyMap<string, PlannedPerson>;
}

/** Enrolments and the pupils' and staff's grants. */
export function planPlacements(
  rows: RosterRow[],
  facts: RosterFacts,
  planned: Planned,
  plan: RosterPlan,
  log: IssueLog,
) {
  const school = { kind: 'school' as const, id: facts.schoolId };
  const unknownClass = (row: RosterRow, label: string) =>
    log.error(
      row,
      'IDENTITY.IMPORT_UNKNOWN_CLASS',
      `No class ${label} in ${facts.academicYear}`,
      'class',
    );
  for (const row of rows) {
    const personId = planned.people.get(row.key)?.personId;
    if (!personId) continue;
    if (row.kind === 'pupil') {
      const classId = planned.classIds.get(row.classLabel);
      const onDate = row.enrolledOn ?? facts.year.startsOn;
      if (!classId) unknownClass(row, row.classLabel);
      else if (!isWithin(onDate, facts.year)) {
        log.error(
          row,
          'IDENTITY.DATE_OUTSIDE_ACADEMIC_YEAR',
          `${onDate} is outside ${facts.academicYear}`,
          'enrolledOn',
        );
      } else plan.enrolments.push({ line: row.line, pupilId: personId, classId, onDate });
      plan.grants.push({ line: row.line, personId, role: 'pupil', scope: school });
    }
    if (row.kind === 'staff') {
      for (const role of row.roles) {
        const classId = row.classLabel ? planned.classIds.get(row.classLabel) : undefined;
        if (role !== 'class_teacher')
          plan.grants.push({ line: row.line, personId, role, scope: school });
        else if (!classId) unknownClass(row, row.classLabel ?? '');
        else {
          const scope = { kind: 'class' as const, id: classId, schoolId: facts.schoolId };
          plan.grants.push({ line: row.line, personId, role, scope });
        }
      }
    }
  }
}

/**
 * Guardians' parent grants and links. A link holds from the child's enrolment (or the start of
 * the year) until the child comes of age, when the birth date is in the file.
 */
export function planGuardians(
  rows: RosterRow[],
  facts: RosterFacts,
  people: ReadonlyMap<string, PlannedPerson>,
  plan: RosterPlan,
  log: IssueLog,
) {
  const pupilRows = new Map(
    rows.flatMap((row) => (row.kind === 'pupil' ? [[row.key, row] as const] : [])),
  );
  for (const row of rows) {
    const guardianId = people.get(row.key)?.personId;
    if (row.kind !== 'guardian' || !guardianId) continue;
    plan.grants.push({
      line: row.line,
      personId: guardianId,
      role: 'parent',
      scope: { kind: 'school', id: facts.schoolId },
    });
    for (const childKey of row.children) {
      const mapped = facts.keys.get(childKey);
      const pupilId =
        people.get(childKey)?.kind === 'pupil'
          ? people.get(childKey)?.personId
          : mapped?.kind === 'pupil'
            ? mapped.id
            : undefined;
      if (!pupilId) {
        log.error(
          row,
          'IDENTITY.IMPORT_UNKNOWN_CHILD',
          `No pupil with the key ${childKey}`,
          'children',
        );
        continue;
      }
      const pupil = pupilRows.get(childKey);
      const validFrom = pupil?.enrolledOn ?? facts.year.startsOn;
      const validUntil = pupil?.person.birthDate ? anniversary(pupil.person.birthDate, 18) : null;
      if (validUntil && validUntil <= validFrom) {
        log.warn(
          row,
          'IDENTITY.IMPORT_PUPIL_OF_AGE',
          `The pupil ${childKey} is of age: not linked`,
          'children',
        );
        continue;
      }
      plan.guardianships.push({
        line: row.line,
        guardianId,
        pupilId,
        relation: row.relation,
        validFrom,
        validUntil,
      });
    }
  }
}
