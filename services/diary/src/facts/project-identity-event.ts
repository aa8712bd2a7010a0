import type { RecordedIdentityEvent } from '@ejournal/contracts';
import { unreachable } from '@ejournal/decider';
import {
  applyInStreamOrder,
  factsSchema,
  projectMembership,
  projectSchool,
  projectStaff,
} from '@ejournal/identity-facts';
import type { Pool, PoolClient } from 'pg';
import {
  staleAfterPolicy,
  staleAfterRosterChange,
  stalePlannedWeeks,
} from '../journal-events/stale-documents';
import { projectGuardianship } from './project-guardianship';

export type ProjectionOutcome = 'applied' | 'skipped' | 'duplicate';

export const DIARY_FACTS = factsSchema('diary_facts');

/**
 * Applies one identity event to the diary's facts in one transaction with its stream's
 * version (a redelivery changes nothing; a gap is refused, retried, then dead-lettered), and
 * marks the read-store documents it changes: a pupil's weeks when a roster changes, a school's
 * marks documents when its policy or calendar does.
 */
export function projectIdentityEvent(
  pool: Pool,
  event: RecordedIdentityEvent,
): Promise<ProjectionOutcome> {
  return applyInStreamOrder(pool, `${DIARY_FACTS}.applied_versions`, event, applyFact);
}

async function applyFact(
  client: PoolClient,
  event: RecordedIdentityEvent,
): Promise<'applied' | 'skipped'> {
  switch (event.type) {
    case 'SchoolRegistered':
    case 'ClassOpened':
    case 'GroupFormed':
      await projectSchool(client, DIARY_FACTS, event);
      return 'applied';
    case 'AcademicCalendarSet':
    case 'SchoolPolicyPublished':
      await projectSchool(client, DIARY_FACTS, event);
      await staleAfterPolicy(client, event.data.schoolId);
      // Holidays and periods decide which days the timetable plans lessons on.
      if (event.type === 'AcademicCalendarSet') {
        await stalePlannedWeeks(client, { schoolId: event.data.schoolId });
      }
      return 'applied';
    case 'PupilEnrolled':
    case 'PupilTransferred':
    case 'PupilWithdrawn':
    case 'PupilReleased':
    case 'PupilAdmitted':
    case 'GroupMemberAdded':
    case 'GroupMemberRemoved':
      await projectMembership(client, DIARY_FACTS, event, 'diary');
      await staleAfterRosterChange(client, event.data.pupilId);
      await stalePlannedWeeks(client, { pupilId: event.data.pupilId });
      return 'applied';
    case 'RoleGranted':
    case 'RoleRevoked':
      await projectStaff(client, DIARY_FACTS, event);
      return 'applied';
    case 'GuardianLinked':
    case 'GuardianshipRestricted':
    case 'GuardianshipEnded':
    case 'ConsentGiven':
    case 'ConsentWithdrawn':
      await projectGuardianship(client, event);
      return 'applied';
    case 'MunicipalityRegistered':
      return 'skipped';
    default:
      return unreachable(event);
  }
}
