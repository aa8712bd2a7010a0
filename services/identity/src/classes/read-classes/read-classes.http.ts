import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { ApiZodQuery, zodPipe } from '@ejournal/http';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { z } from 'zod';
import { SCHOOL_MEMBERS } from '../../edge/access';
import { academicYearField, INVALID_REQUEST } from '../../edge/fields';
import { APP_POOL } from '../../infrastructure/tokens';

const query = z.strictObject({ academicYear: academicYearField.optional() });

/** A school's classes and groups (no personal data: labels and ids). */
@ApiTags('classes')
@Controller('schools/:schoolId/classes')
export class ReadClassesController {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  @Get()
  @RequireGrant(SCHOOL_MEMBERS, scopeFrom.schoolParam())
  @ApiOperation({
    summary: 'The classes and ad-hoc groups of a school, of one academic year or all',
  })
  @ApiZodQuery(query)
  async list(
    @Param('schoolId') schoolId: string,
    @Query(zodPipe(query, INVALID_REQUEST)) { academicYear }: z.infer<typeof query>,
  ) {
    const year = academicYear ?? null;
    const classes = await this.pool.query(
      `SELECT class_id AS "classId", academic_year AS "academicYear", grade, letter, grade || letter AS label
         FROM identity.classes WHERE school_id = $1 AND ($2::text IS NULL OR academic_year = $2) ORDER BY academic_year, grade, letter`,
      [schoolId, year],
    );
    const groups = await this.pool.query(
      `SELECT group_id AS "groupId", academic_year AS "academicYear", kind, title
         FROM identity.groups WHERE school_id = $1 AND ($2::text IS NULL OR academic_year = $2) ORDER BY academic_year, title`,
      [schoolId, year],
    );
    return { schoolId, classes: classes.rows, groups: groups.rows };
  }
}
