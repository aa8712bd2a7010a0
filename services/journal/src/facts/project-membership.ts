import type { RecordedIdentityEvent } from '@ejournal/contracts';
import { unreachable } from '@ejournal/decider';
import type { PoolClient } from 'pg';

type Of<T extends RecordedIdentityEvent['type']> = Extract<RecordedIdentityEvent, { type: T }>;

/** Streams `enrolment-{pupilId}` and `group-{groupId}`: who was in which class or group when. */
export type MembershipEvent = Of<
  | 'PupilEnrolled'
  | 'PupilTransferred'
  | 'PupilWithdrawn'
  | 'PupilReleased'
  | 'PupilAdmitted'
  | 'GroupMemberAdded'
  | 'GroupMemberRemoved'
>;

/**
 * Identity's events contradict what was projected from them (a transfer of a pupil with no open
 * placement): a bug on one side, never a transient failure. Dead-lettered with this code.
 */
export class IdentityFactsInconsistentError extends Error {
  readonly code = 'JOURNAL.IDENTITY_FACTS_INCONSISTENT';

  constructor(event: MembershipEvent, what: string) {
    super(`${event.type} ${event.streamId}@${event.streamVersion}: ${what}`);
    this.name = 'IdentityFactsInconsistentError';
  }
}

const OPEN_PLACEMENT = `INSERT INTO journal_facts.placements
  (pupil_id, opened_by, school_id, class_id, from_date) VALUES ($1, $2, $3, $4, $5)`;
const CLOSE_PLACEMENT = `UPDATE journal_facts.placements SET until_date = $2
  WHERE pupil_id = $1 AND until_date IS NULL`;
const ADD_MEMBER = `INSERT INTO journal_facts.group_memberships
  (group_id, opened_by, pupil_id, from_date) VALUES ($1, $2, $3, $4)`;
const REMOVE_MEMBER = `UPDATE journal_facts.group_memberships SET until_date = $3
  WHERE group_id = $1 AND pupil_id = $2 AND until_date IS NULL`;

export async function projectMembership(client: PoolClient, event: MembershipEvent): Promise<void> {
  const opened = event.streamVersion;
  const closeOne = async (sql: string, values: unknown[], what: string) => {
    const { rowCount } = await client.query(sql, values);
    if (rowCount !== 1) throw new IdentityFactsInconsistentError(event, what);
  };
  switch (event.type) {
    case 'PupilEnrolled':
    case 'PupilAdmitted': {
      const { pupilId, schoolId, classId, onDate } = event.data;
      await client.query(OPEN_PLACEMENT, [pupilId, opened, schoolId, classId, onDate]);
      return;
    }
    case 'PupilTransferred': {
      const { pupilId, toSchoolId, toClassId, onDate } = event.data;
      await closeOne(CLOSE_PLACEMENT, [pupilId, onDate], 'the pupil has no open placement');
      await client.query(OPEN_PLACEMENT, [pupilId, opened, toSchoolId, toClassId, onDate]);
      return;
    }
    case 'PupilWithdrawn':
    case 'PupilReleased': {
      const { pupilId, onDate } = event.data;
      await closeOne(CLOSE_PLACEMENT, [pupilId, onDate], 'the pupil has no open placement');
      return;
    }
    case 'GroupMemberAdded': {
      const { groupId, pupilId, fromDate } = event.data;
      await client.query(ADD_MEMBER, [groupId, opened, pupilId, fromDate]);
      return;
    }
    case 'GroupMemberRemoved': {
      const { groupId, pupilId, onDate } = event.data;
      await closeOne(REMOVE_MEMBER, [groupId, pupilId, onDate], 'the pupil is not a member');
      return;
    }
    default:
      return unreachable(event);
  }
}
