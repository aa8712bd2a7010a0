import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../../infrastructure/tokens';

/** A grant of a person still in force, with the school of its scope (if any). */
@Injectable()
export class GrantQuery {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async inForce(personId: string, grantId: string) {
    const { rows } = await this.pool.query<{ role: string; school_id: string | null }>(
      'SELECT role, scope_school_id AS school_id FROM identity.grants WHERE grant_id = $1 AND person_id = $2 AND NOT revoked',
      [grantId, personId],
    );
    return rows[0];
  }
}
