import type { RecordedIdentityEvent } from '@ejournal/contracts';
import { unreachable } from '@ejournal/decider';
import type { PoolClient } from 'pg';
import type { FactsSchema } from './facts-schema';

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
 * placement): a bug on one side, never a transient failure. Dead-lettered with this code
 * (`JOURNAL.…`, `DIARY.…`: the service that noticed).
 */
export class IdentityFactsInconsistentError extends Error {
  readonly code: string;

  constructor(service: string, event: MembershipEvent, what: string) {
    super(`${event.type} ${event.streamId}@${event.streamVersion}: ${what}`);
    this.name = 'IdentityFactsInconsistentError';
    this.code = `${service.toUpperCase()}.IDENTITY_FACTS_INCONSISTENT`;
  }
}

const openPlacement = (s: FactsSchema) => `INSERT INTO ${s}.placements
  (pupil_id, opened_by, school_id, class_id, from_date) VALUES ($1, $2, $3, $4, $5)`;
const closePlacement = (s: FactsSchema) => `UPDATE ${s}.placements SET until_date = $2
  WHERE pupil_id = $1 AND until_date IS NULL`;
const addMember = (s: FactsSchema) => `INSERT INTO ${s}.group_memberships
  (group_id, opened_by, pupil_id, from_date) VALUES ($1, $2, $3, $4)`;
const removeMember = (s: FactsSchema) => `UPDATE ${s}.group_memberships SET until_date = $3
  WHERE group_id = $1 AND pupil_id = $2 AND until_date IS NULL`;

/** Projects a membership event into `schema`; `service` names the code of an inconsistency. */
export async function projectMembership(
  client: PoolClient,
  schema: FactsSchema,
  event: MembershipEvent,
  service: string,
): Promise<void> {
  const opened = event.streamVersion;
  const closeOne = async (sql: string, values: unknown[], what: string) => {
    const { rowCount } = await client.query(sql, values);
    if (rowCount !== 1) throw new IdentityFactsInconsistentError(service, event, what);
  };
  const noPlacement = 'the pupil has no open placement';
  switch (event.type) {
    case 'PupilEnrolled':
    case 'PupilAdmitted': {
      const { pupilId, schoolId, classId, onDate } = event.data;
      await client.query(openPlacement(schema), [pupilId, opened, schoolId, classId, onDate]);
      return;
    }
    case 'PupilTransferred': {
      const { pupilId, toSchoolId, toClassId, onDate } = event.data;
      await closeOne(closePlacement(schema), [pupilId, onDate], noPlacement);
      const values = [pupilId, opened, toSchoolId, toClassId, onDate];
      await client.query(openPlacement(schema), values);
      return;
    }
    case 'PupilWithdrawn':
    case 'PupilReleased': {
      const { pupilId, onDate } = event.data;
      await closeOne(closePlacement(schema), [pupilId, onDate], noPlacement);
      return;
    }
    case 'GroupMemberAdded': {
      const { groupId, pupilId, fromDate } = event.data;
      await client.query(addMember(schema), [groupId, opened, pupilId, fromDate]);
      return;
    }
    case 'GroupMemberRemoved': {
      const { groupId, pupilId, onDate } = event.data;
      const values = [groupId, pupilId, onDate];
      await closeOne(removeMember(schema), values, 'the pupil is not a member');
      return;
    }
    default:
      return unreachable(event);
  }
}
