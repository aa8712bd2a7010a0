import type { RecordedIdentityEvent } from '@ejournal/contracts';
import { unreachable } from '@ejournal/decider';
import type { PoolClient } from 'pg';

type Of<T extends RecordedIdentityEvent['type']> = Extract<RecordedIdentityEvent, { type: T }>;

/** Streams `guardianship-{pupilId}` and `consent-{grantorId}`: who reads and who is told. */
export type GuardianshipEvent = Of<
  | 'GuardianLinked'
  | 'GuardianshipRestricted'
  | 'GuardianshipEnded'
  | 'ConsentGiven'
  | 'ConsentWithdrawn'
>;

const LINK = `INSERT INTO diary_facts.guardianships (pupil_id, guardian_id, valid_from, valid_until)
  VALUES ($1, $2, $3, $4) ON CONFLICT (pupil_id, guardian_id) DO UPDATE
  SET valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until`;
const RESTRICT = `INSERT INTO diary_facts.guardianship_restrictions
  (pupil_id, guardian_id, from_date, restrictions) VALUES ($1, $2, $3, $4)
  ON CONFLICT (pupil_id, guardian_id, from_date) DO UPDATE SET restrictions = EXCLUDED.restrictions`;
// Ended on a date: the guardianship no longer holds from that day.
const END = `UPDATE diary_facts.guardianships
  SET valid_until = LEAST(COALESCE(valid_until, $3::date), $3::date)
  WHERE pupil_id = $1 AND guardian_id = $2`;
const CONSENT = `INSERT INTO diary_facts.consents (grantor_id, subject_id, purpose, consent_id)
  VALUES ($1, $2, $3, $4) ON CONFLICT (grantor_id, subject_id, purpose)
  DO UPDATE SET consent_id = EXCLUDED.consent_id`;
const WITHDRAW = `DELETE FROM diary_facts.consents
  WHERE grantor_id = $1 AND subject_id = $2 AND purpose = $3`;

export async function projectGuardianship(
  client: PoolClient,
  event: GuardianshipEvent,
): Promise<void> {
  switch (event.type) {
    case 'GuardianLinked': {
      const { pupilId, guardianId, validFrom, validUntil, restrictions } = event.data;
      await client.query(LINK, [pupilId, guardianId, validFrom, validUntil]);
      await client.query(RESTRICT, [pupilId, guardianId, validFrom, restrictions]);
      return;
    }
    case 'GuardianshipRestricted': {
      const { pupilId, guardianId, fromDate, restrictions } = event.data;
      await client.query(RESTRICT, [pupilId, guardianId, fromDate, restrictions]);
      return;
    }
    case 'GuardianshipEnded': {
      const { pupilId, guardianId, onDate } = event.data;
      await client.query(END, [pupilId, guardianId, onDate]);
      return;
    }
    case 'ConsentGiven': {
      const { grantorId, subjectId, purpose, consentId } = event.data;
      await client.query(CONSENT, [grantorId, subjectId, purpose, consentId]);
      return;
    }
    case 'ConsentWithdrawn': {
      const { grantorId, subjectId, purpose } = event.data;
      await client.query(WITHDRAW, [grantorId, subjectId, purpose]);
      return;
    }
    default:
      return unreachable(event);
  }
}
