import type { ScopeResolver, ScopeTarget } from '@ejournal/auth';
import type { Pool } from 'pg';

/** Completes a class's school from the read model; every school lies in the region. */
export function identityScopeResolver(pool: Pool, regionId: string): ScopeResolver {
  return {
    async complete(target: ScopeTarget): Promise<ScopeTarget> {
      if (!target.classId || target.schoolId) return { regionId, ...target };
      const { rows } = await pool.query<{ school_id: string }>(
        'SELECT school_id FROM identity.classes WHERE class_id = $1',
        [target.classId],
      );
      return { regionId, ...target, ...(rows[0] ? { schoolId: rows[0].school_id } : {}) };
    },
  };
}
