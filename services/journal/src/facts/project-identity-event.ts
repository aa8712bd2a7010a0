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

/** `skipped`: a fact the journal does not keep; its stream's version still advances. */
export type ProjectionOutcome = 'applied' | 'skipped' | 'duplicate';

const FACTS = factsSchema('journal_facts');

/**
 * Applies one identity event to the journal's facts in one transaction together with its
 * stream's version, so a redelivery or a replay changes nothing.
 *
 * A gap (a version beyond the next one) throws ReadModelGapError and nothing is applied:
 * Kafka delivers a stream's events in order, so a gap means an earlier event was lost or
 * dead-lettered, and applying later ones (a transfer before the enrolment it closes) would
 * build wrong rosters. The consumer retries, then dead-letters; every later event of that
 * stream does the same until the facts are re-projected.
 */
export function projectIdentityEvent(
  pool: Pool,
  event: RecordedIdentityEvent,
): Promise<ProjectionOutcome> {
  return applyInStreamOrder(pool, `${FACTS}.applied_versions`, event, async (client, fact) => {
    const outcome = await applyFact(client, fact);
    if (outcome === 'applied') {
      await client.query(`UPDATE ${FACTS}.facts_revision SET revision = revision + 1`);
    }
    return outcome;
  });
}

async function applyFact(
  client: PoolClient,
  event: RecordedIdentityEvent,
): Promise<'applied' | 'skipped'> {
  switch (event.type) {
    case 'SchoolRegistered':
    case 'AcademicCalendarSet':
    case 'SchoolPolicyPublished':
    case 'ClassOpened':
    case 'GroupFormed':
      await projectSchool(client, FACTS, event);
      return 'applied';
    case 'PupilEnrolled':
    case 'PupilTransferred':
    case 'PupilWithdrawn':
    case 'PupilReleased':
    case 'PupilAdmitted':
    case 'GroupMemberAdded':
    case 'GroupMemberRemoved':
      await projectMembership(client, FACTS, event, 'journal');
      return 'applied';
    case 'RoleGranted':
    case 'RoleRevoked':
      await projectStaff(client, FACTS, event);
      return 'applied';
    // Identity's facts that no journal command needs.
    case 'MunicipalityRegistered':
    case 'GuardianLinked':
    case 'GuardianshipRestricted':
    case 'GuardianshipEnded':
    case 'ConsentGiven':
    case 'ConsentWithdrawn':
      return 'skipped';
    default:
      return unreachable(event);
  }
}
