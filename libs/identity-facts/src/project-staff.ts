import type { RecordedIdentityEvent } from '@ejournal/contracts';
import { unreachable } from '@ejournal/decider';
import type { PoolClient } from 'pg';
import type { FactsSchema } from './facts-schema';

type Of<T extends RecordedIdentityEvent['type']> = Extract<RecordedIdentityEvent, { type: T }>;
export type StaffEvent = Of<'RoleGranted' | 'RoleRevoked'>;

/** Roles of people who work in a school. */
export const STAFF_ROLES: readonly string[] = [
  'teacher',
  'class_teacher',
  'deputy_head',
  'head',
  'school_admin',
];

/**
 * Stream `grants-{personId}`: which schools' staff a person is (or was), with the role and,
 * for a class teacher, the class. Revoked grants stay, marked.
 */
export async function projectStaff(
  client: PoolClient,
  schema: FactsSchema,
  event: StaffEvent,
): Promise<void> {
  switch (event.type) {
    case 'RoleGranted': {
      const { grantId, personId, role, scope } = event.data;
      const schoolId =
        scope.kind === 'school' ? scope.id : scope.kind === 'class' ? scope.schoolId : null;
      if (!schoolId || !STAFF_ROLES.includes(role)) return;
      await client.query(
        `INSERT INTO ${schema}.staff_grants (grant_id, person_id, role, school_id)
         VALUES ($1, $2, $3, $4) ON CONFLICT (grant_id) DO NOTHING`,
        [grantId, personId, role, schoolId],
      );
      return;
    }
    case 'RoleRevoked':
      await client.query(`UPDATE ${schema}.staff_grants SET revoked = true WHERE grant_id = $1`, [
        event.data.grantId,
      ]);
      return;
    default:
      return unreachable(event);
  }
}
