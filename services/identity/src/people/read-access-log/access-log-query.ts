import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../../infrastructure/tokens';

export interface AccessLogFilter {
  subjectId?: string;
  from?: string;
  to?: string;
  limit: number;
}

/**
 * The reads authorised through a school, and region-wide reads of its pupils while they were
 * its pupils; never another school's reads of a pupil who moved. Newest first.
 */
@Injectable()
export class AccessLogQuery {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async entries(schoolId: string, filter: AccessLogFilter) {
    const { rows } = await this.pool.query(
      `SELECT entry_id::text AS "entryId", at, actor_id AS "actorId", actor_role AS "actorRole", subject_id AS "subjectId", endpoint
         FROM identity.access_log
        WHERE (school_id = $1 OR (school_id IS NULL AND EXISTS (SELECT 1 FROM identity.enrolments e
                 WHERE e.pupil_id = subject_id AND e.school_id = $1 AND e.from_date <= at::date
                   AND (e.to_date IS NULL OR e.to_date > at::date))))
          AND ($2::uuid IS NULL OR subject_id = $2) AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4)
        ORDER BY entry_id DESC LIMIT $5`,
      [schoolId, filter.subjectId ?? null, filter.from ?? null, filter.to ?? null, filter.limit],
    );
    return rows;
  }
}
