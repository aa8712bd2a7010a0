import { RequireGrant, type Role } from '@ejournal/auth';
import { zodPipe } from '@ejournal/http';
import { refuse } from '@ejournal/journal-domain';
import { Param } from '@nestjs/common';
import { INVALID_REQUEST } from '../edge/journal-request';
import type { IdentityFacts } from '../facts/identity-facts.port';
import type { SheetPlace } from '../write/summary-commands';
import { academicYearOf, startYear } from './summary.schema';

/** The route's roles over the sheet's class (its school's grants contain it too). */
export const OverSheet = (roles: readonly Role[]) =>
  RequireGrant(roles, (request) => ({
    schoolId: request.params['schoolId'] ?? '',
    classId: request.params['classId'] ?? '',
  }));

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
