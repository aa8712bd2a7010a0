import type { Grant } from '@ejournal/auth';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';

interface GrantRow {
  role: Grant['role'];
  scope_kind: 'region' | 'municipality' | 'school' | 'class';
  scope_id: string;
  scope_school_id: string | null;
}

/**
 * The grants a token carries, read when it is issued: a municipal grant becomes one school
 * grant per school of the municipality, so services check only region, school and class.
 */
@Injectable()
export class GrantsOf {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async person(personId: string): Promise<Grant[]> {
    const { rows } = await this.pool.query<GrantRow>(
      `SELECT g.role, 'school' AS scope_kind, s.school_id AS scope_id, NULL AS scope_school_id
         FROM identity.grants g JOIN identity.schools s ON s.municipality_id = g.scope_id
        WHERE g.person_id = $1 AND NOT g.revoked AND g.scope_kind = 'municipality'
       UNION ALL
       SELECT role, scope_kind, scope_id, scope_school_id FROM identity.grants
        WHERE person_id = $1 AND NOT revoked AND scope_kind <> 'municipality'
       ORDER BY 1, 2, 3`,
      [personId],
    );
    return rows.map(toGrant);
  }
}

function toGrant(row: GrantRow): Grant {
  switch (row.scope_kind) {
    case 'class':
      return {
        role: row.role,
        scope: { kind: 'class', id: row.scope_id, schoolId: row.scope_school_id ?? '' },
      };
    case 'region':
      return { role: row.role, scope: { kind: 'region', id: row.scope_id } };
    default:
      return { role: row.role, scope: { kind: 'school', id: row.scope_id } };
  }
}
