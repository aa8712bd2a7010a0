import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { ApiProblem, ApiZodQuery, NotFoundProblem, zodPipe } from '@ejournal/http';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { z } from 'zod';
import { SCHOOL_MEMBERS } from '../../edge/access';
import { dateField, INVALID_REQUEST } from '../../edge/fields';
import { APP_POOL } from '../../infrastructure/tokens';
import { Today } from '../../people/today';

const query = z.strictObject({ on: dateField.optional() });

/** The rules in force and their history: every user of the school may read them (R12). */
@ApiTags('tenancy')
@Controller('schools/:schoolId/policies')
export class ReadPoliciesController {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    private readonly today: Today,
  ) {}

  @Get()
  @RequireGrant(SCHOOL_MEMBERS, scopeFrom.schoolParam())
  @ApiOperation({ summary: 'Every published version of the school’s rules, newest first' })
  async all(@Param('schoolId') schoolId: string) {
    const { rows } = await this.pool.query<{ policy: object; published_at: Date }>(
      'SELECT policy, published_at FROM identity.policies WHERE school_id = $1 ORDER BY policy_version DESC',
      [schoolId],
    );
    return rows.map((row) => ({ ...row.policy, publishedAt: row.published_at.toISOString() }));
  }

  @Get('current')
  @ApiProblem(404, 'IDENTITY.NO_POLICY')
  @RequireGrant(SCHOOL_MEMBERS, scopeFrom.schoolParam())
  @ApiOperation({ summary: 'The rules in force on a date (today by default)' })
  @ApiZodQuery(query)
  async current(
    @Param('schoolId') schoolId: string,
    @Query(zodPipe(query, INVALID_REQUEST)) { on }: z.infer<typeof query>,
  ) {
    const { rows } = await this.pool.query<{ policy: object }>(
      'SELECT policy FROM identity.policies WHERE school_id = $1 AND effective_from <= $2 ORDER BY policy_version DESC LIMIT 1',
      [schoolId, on ?? this.today.date()],
    );
    if (!rows[0])
      throw new NotFoundProblem('IDENTITY.NO_POLICY', 'No rules are in force on that date');
    return rows[0].policy;
  }
}
