import { RequireGrant, scopeFrom, type Role } from '@ejournal/auth';
import { zodPipe } from '@ejournal/http';
import { refuse } from '@ejournal/journal-domain';
import { Param } from '@nestjs/common';
import { INVALID_REQUEST } from '../edge/journal-request';
import { GROUP_RESOURCE, UNKNOWN_CLASS } from '../edge/journal-scope-resolver';
import type { IdentityFacts } from '../facts/identity-facts.port';
import type { SheetPlace } from '../write/summary-commands';
import { academicYearOf, startYear } from './summary.schema';

/**
 * `/:schoolId/:year/:classId`: the school and class as the path states them, and the class where
 * it really lies (as stated while its facts have not arrived), so a class of another school
 * under one's own school id is answered as a class the school does not have (404).
 */
const sheetInPath = scopeFrom.naming([UNKNOWN_CLASS], (request) => {
  const schoolId = request.params['schoolId'] ?? '';
  const classId = request.params['classId'] ?? '';
  const unseen = UNKNOWN_CLASS;
  return [
    { schoolId, classId, unseen },
    { schoolId, classId, resource: { kind: GROUP_RESOURCE, id: classId }, unseen },
  ];
});

/** The route's roles over the sheet's class (its school's grants contain it too). */
export const OverSheet = (roles: readonly Role[]) => RequireGrant(roles, sheetInPath);

export const YearParam = () => Param('year', zodPipe(startYear, INVALID_REQUEST));

export async function sheetOf(
  facts: IdentityFacts,
  schoolId: string,
  year: number,
  classId: string,
): Promise<SheetPlace> {
  const [school, group] = await Promise.all([facts.school(schoolId), facts.group(classId)]);
  const academicYear = academicYearOf(year);
  if (!school || group?.kind !== 'class' || group.schoolId !== schoolId) {
    throw refuse.notFound('JOURNAL.UNKNOWN_CLASS', `School ${schoolId} has no class ${classId}`);
  }
  if (group.academicYear !== academicYear) {
    throw refuse.notFound('JOURNAL.UNKNOWN_CLASS', `Class ${classId} is not of ${academicYear}`);
  }
  return { regionId: school.regionId, schoolId, academicYear, classId };
}
