import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { ApiProblem, ApiZodQuery, NotFoundProblem, zodPipe } from '@ejournal/http';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { z } from 'zod';
import { SCHOOL_MEMBERS } from '../../edge/access';
import { academicYearField, INVALID_REQUEST } from '../../edge/fields';
import { APP_POOL } from '../../infrastructure/tokens';
import { Today } from '../../people/today';

const query = z.strictObject({ academicYear: academicYearField.optional() });

@ApiTags('tenancy')
@Controller('schools/:schoolId')
export class ReadCalendarController {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    private readonly today: Today,
  ) {}

  @Get()
  @ApiProblem(404, 'IDENTITY.UNKNOWN_SCHOOL')
  @RequireGrant(SCHOOL_MEMBERS, scopeFrom.schoolParam())
  @ApiOperation({ summary: 'The school: region, municipality and time zone' })
  async school(@Param('schoolId') schoolId: string) {
    const { rows } = await this.pool.query(
      'SELECT school_id AS "schoolId", region_id AS "regionId", municipality_id AS "municipalityId", time_zone AS "timeZone" FROM identity.schools WHERE school_id = $1',
      [schoolId],
    );
    if (!rows[0]) throw new NotFoundProblem('IDENTITY.UNKNOWN_SCHOOL', 'No such school');
    return rows[0];
  }

  @Get('calendar')
  @ApiProblem(404, 'IDENTITY.NO_CALENDAR')
  @RequireGrant(SCHOOL_MEMBERS, scopeFrom.schoolParam())
  @ApiOperation({
    summary: "The school's calendar of an academic year (by default the one in progress)",
  })
  @ApiZodQuery(query)
  async calendar(
    @Param('schoolId') schoolId: string,
    @Query(zodPipe(query, INVALID_REQUEST)) { academicYear }: z.infer<typeof query>,
  ) {
    const { rows } = await this.pool.query<{ calendar: unknown }>(
      `SELECT calendar FROM identity.calendars WHERE school_id = $1
          AND ($2::text IS NOT NULL AND academic_year = $2 OR $2::text IS NULL AND $3::date BETWEEN starts_on AND ends_on)
        ORDER BY starts_on DESC LIMIT 1`,
      [schoolId, academicYear ?? null, this.today.date()],
    );
    if (!rows[0])
      throw new NotFoundProblem(
        'IDENTITY.NO_CALENDAR',
        'The school has no calendar for this academic year',
      );
    return rows[0].calendar;
  }
}
