import type { RecordedIdentityEvent } from '@ejournal/contracts';
import { unreachable } from '@ejournal/decider';
import type { PoolClient } from 'pg';

type Of<T extends RecordedIdentityEvent['type']> = Extract<RecordedIdentityEvent, { type: T }>;
export type GrantConsentEvent = Of<
  'RoleGranted' | 'RoleRevoked' | 'ConsentGiven' | 'ConsentWithdrawn'
>;

/** Grants in force (what tokens carry) and consents (what gates notifications). */
export async function projectGrantsAndConsents(
  client: PoolClient,
  event: GrantConsentEvent,
): Promise<void> {
  switch (event.type) {
    case 'RoleGranted': {
      const { grantId, personId, role, scope } = event.data;
      const schoolId =
        scope.kind === 'school' ? scope.id : scope.kind === 'class' ? scope.schoolId : null;
      await client.query(
        'INSERT INTO identity.grants VALUES ($1, $2, $3, $4, $5, $6, false) ON CONFLICT DO NOTHING',
        [grantId, personId, role, scope.kind, scope.id, schoolId],
      );
      return;
    }
    case 'RoleRevoked':
      await client.query('UPDATE identity.grants SET revoked = true WHERE grant_id = $1', [
        event.data.grantId,
      ]);
      return;
    case 'ConsentGiven': {
      const { consentId, grantorId, subjectId, purpose, givenAt } = event.data;
      await client.query(
        'INSERT INTO identity.consents VALUES ($1, $2, $3, $4, $5, NULL) ON CONFLICT DO NOTHING',
        [consentId, grantorId, subjectId, purpose, givenAt],
      );
      return;
    }
    case 'ConsentWithdrawn':
      await client.query('UPDATE identity.consents SET withdrawn_at = $2 WHERE consent_id = $1', [
        event.data.consentId,
        event.data.withdrawnAt,
      ]);
      return;
    default:
      return unreachable(event);
  }
}
