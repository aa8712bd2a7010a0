import type { RecordedIdentityEvent } from '@ejournal/contracts';
import { unreachable } from '@ejournal/decider';
import type { PoolClient } from 'pg';

type Of<T extends RecordedIdentityEvent['type']> = Extract<RecordedIdentityEvent, { type: T }>;
export type MembershipEvent = Of<
  | 'GroupMemberAdded'
  | 'GroupMemberRemoved'
  | 'PupilEnrolled'
  | 'PupilTransferred'
  | 'PupilWithdrawn'
  | 'PupilReleased'
  | 'PupilAdmitted'
  | 'GuardianLinked'
  | 'GuardianshipRestricted'
  | 'GuardianshipEnded'
>;

const CLOSE_ENROLMENT =
  'UPDATE identity.enrolments SET to_date = $2 WHERE pupil_id = $1 AND to_date IS NULL';
const PLACED = 'DELETE FROM identity.pupil_releases WHERE pupil_id = $1';
const OPEN_ENROLMENT =
  'INSERT INTO identity.enrolments VALUES ($1, $2, $3, $4, NULL) ON CONFLICT DO NOTHING';

/** Date ranges of group membership, enrolment and guardianship: who was where on which day. */
export async function projectMembership(client: PoolClient, event: MembershipEvent): Promise<void> {
  switch (event.type) {
    case 'GroupMemberAdded':
      await client.query(
        'INSERT INTO identity.group_members VALUES ($1, $2, $3, NULL) ON CONFLICT DO NOTHING',
        [event.data.groupId, event.data.pupilId, event.data.fromDate],
      );
      return;
    case 'GroupMemberRemoved':
      await client.query(
        'UPDATE identity.group_members SET to_date = $3 WHERE group_id = $1 AND pupil_id = $2 AND to_date IS NULL',
        [event.data.groupId, event.data.pupilId, event.data.onDate],
      );
      return;
    case 'PupilEnrolled':
    case 'PupilAdmitted':
      await client.query(PLACED, [event.data.pupilId]);
      await client.query(OPEN_ENROLMENT, [
        event.data.pupilId,
        event.data.schoolId,
        event.data.classId,
        event.data.onDate,
      ]);
      return;
    case 'PupilTransferred':
      await client.query(CLOSE_ENROLMENT, [event.data.pupilId, event.data.onDate]);
      await client.query(OPEN_ENROLMENT, [
        event.data.pupilId,
        event.data.toSchoolId,
        event.data.toClassId,
        event.data.onDate,
      ]);
      return;
    case 'PupilWithdrawn':
      await client.query(CLOSE_ENROLMENT, [event.data.pupilId, event.data.onDate]);
      return;
    case 'PupilReleased': {
      const { pupilId, schoolId, classId, toSchoolId, onDate, orderRef } = event.data;
      await client.query(CLOSE_ENROLMENT, [pupilId, onDate]);
      await client.query(
        `INSERT INTO identity.pupil_releases VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (pupil_id) DO UPDATE SET from_school_id = $2, from_class_id = $3,
           to_school_id = $4, on_date = $5, order_ref = $6`,
        [pupilId, schoolId, classId, toSchoolId, onDate, orderRef],
      );
      return;
    }
    case 'GuardianLinked': {
      const { pupilId, guardianId, relation, validFrom, validUntil, restrictions } = event.data;
      await client.query(
        'INSERT INTO identity.guardianships VALUES ($1, $2, $3, $4, $5, $6, true) ON CONFLICT DO NOTHING',
        [pupilId, guardianId, relation, validFrom, validUntil, restrictions],
      );
      return;
    }
    case 'GuardianshipRestricted':
      await client.query(
        'UPDATE identity.guardianships SET restrictions = $3 WHERE pupil_id = $1 AND guardian_id = $2 AND current',
        [event.data.pupilId, event.data.guardianId, event.data.restrictions],
      );
      return;
    case 'GuardianshipEnded':
      await client.query(
        `UPDATE identity.guardianships SET current = false,
           valid_until = CASE WHEN valid_until IS NULL OR valid_until > $3 THEN $3::date ELSE valid_until END
         WHERE pupil_id = $1 AND guardian_id = $2 AND current`,
        [event.data.pupilId, event.data.guardianId, event.data.onDate],
      );
      return;
    default:
      return unreachable(event);
  }
}
