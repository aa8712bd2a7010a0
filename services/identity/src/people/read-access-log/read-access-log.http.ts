import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { instant } from '@ejournal/contracts';
import { ApiZodQuery, zodPipe } from '@ejournal/http';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { z } from 'zod';
import { ACCESS_LOG_READERS } from '../../edge/access';
import { INVALID_REQUEST, personIdField } from '../../edge/fields';
import { APP_POOL } from '../../infrastructure/tokens';

const query = z.strictObject({
  subjectId: personIdField.optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/**
 * Who read whose personal data, when, through which endpoint: for administrators and auditors.
 * A school sees the reads authorised through it, and region-wide reads of its pupils while they
 * were its pupils; never another school's reads of a pupil who moved.
 */
@ApiTags('people')
@Controller('schools/:schoolId/access-log')
export class ReadAccessLogController {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  @Get()
  @RequireGrant(
    ACCESS_LOG_READERS,
    scopeFrom.all(scopeFrom.schoolParam(), scopeFrom.queryResource('person', 'subjectId')),
  )
  @ApiOperation({ summary: 'Reads of personal data authorised through this school, newest first' })
  @ApiZodQuery(query)
  async entries(
    @Param('schoolId') schoolId: string,
    @Query(zodPipe(query, INVALID_REQUEST)) q: z.infer<typeof query>,
  ) {
    const { rows } = await this.pool.query(
      `SELECT entry_id::text AS "entryId", at, actor_id AS "actorId", actor_role AS "actorRole", subject_id AS "subjectId", endpoint
         FROM identity.access_log
        WHERE (school_id = $1 OR (school_id IS NULL AND EXISTS (SELECT 1 FROM identity.enrolments e
                 WHERE e.pupil_id = subject_id AND e.school_id = $1 AND e.from_date <= at::date
                   AND (e.to_date IS NULL OR e.to_date > at::date))))
          AND ($2::uuid IS NULL OR subject_id = $2) AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4)
        ORDER BY entry_id DESC LIMIT $5`,
      [schoolId, q.subjectId ?? null, q.from ?? null, q.to ?? null, q.limit],
    );
    return { schoolId, entries: rows };
  }
}
