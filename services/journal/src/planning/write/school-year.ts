import { planningStreamId } from '@ejournal/contracts';
import { zodPipe } from '@ejournal/http';
import { Param } from '@nestjs/common';
import { z } from 'zod';
import { INVALID_REQUEST } from '../../edge/journal-request';
import type { IdentityFacts } from '../../facts/identity-facts.port';
import { refusePlanning } from '../domain/planning.errors';

/** One school's academic year, where its planning stream lies. */
export interface SchoolYear {
  regionId: string;
  schoolId: string;
  timeZone: string;
  academicYear: string;
  streamId: string;
}

export const startYear = z.coerce.number().int().min(1900).max(2198);
export const YearParam = () => Param('year', zodPipe(startYear, INVALID_REQUEST));
export const academicYearOf = (year: number) => `${year}/${year + 1}`;

export async function schoolYearOf(
  facts: IdentityFacts,
  schoolId: string,
  year: number,
): Promise<SchoolYear> {
  const school = await facts.school(schoolId);
  if (!school) {
    throw refusePlanning.precondition(
      'PLANNING.UNKNOWN_SCHOOL',
      `The journal does not know school ${schoolId}`,
    );
  }
  const academicYear = academicYearOf(year);
  return {
    regionId: school.regionId,
    schoolId,
    timeZone: school.timeZone,
    academicYear,
    streamId: planningStreamId(schoolId, academicYear),
  };
}
