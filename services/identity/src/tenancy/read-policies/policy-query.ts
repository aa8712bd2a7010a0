import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../../infrastructure/tokens';

/** The school's published rules: every version, and the one in force on a date. */
@Injectable()
export class PolicyQuery {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async all(schoolId: string) {
    const { rows } = await this.pool.query<{ policy: object; published_at: Date }>(
      'SELECT policy, published_at FROM identity.policies WHERE school_id = $1 ORDER BY policy_version DESC',
      [schoolId],
    );
    return rows.map((row) => ({ ...row.policy, publishedAt: row.published_at.toISOString() }));
  }

  async inForce(schoolId: string, on: string): Promise<object | undefined> {
    const { rows } = await this.pool.query<{ policy: object }>(
      'SELECT policy FROM identity.policies WHERE school_id = $1 AND effective_from <= $2 ORDER BY policy_version DESC LIMIT 1',
      [schoolId, on],
    );
    return rows[0]?.policy;
  }
}
