import { identityRegistry, newEventId, type NewEvent } from '@ejournal/contracts';
import { PostgresEventStore } from '@ejournal/event-store';
import { runConcurrently } from '../measure';
import type { Platform } from '../journal/platform';
import { REGION_ID, SCHOOL_ID, type BenchSchool } from '../journal/school';

export const guardianOf = (pupilId: string) => `guardian-of-${pupilId}`;

const event = (type: string, data: unknown): NewEvent => ({
  eventId: newEventId(),
  type,
  schemaVersion: 1,
  occurredAt: new Date().toISOString(),
  tenant: { regionId: REGION_ID, schoolId: SCHOOL_ID },
  actor: { userId: 'bench-operator', role: 'regional_operator', onBehalfOf: null },
  correlationId: `bench-${type}`,
  causationId: null,
  traceparent: null,
  data,
});

/**
 * One parent per pupil, linked from the first school day and consenting to notifications:
 * appended to the bench's identity store, whose relay (publishIdentityFacts) publishes them, so
 * every mark makes two notifications, the pupil's and the parent's.
 */
export async function appendFamilies(platform: Platform, school: BenchSchool): Promise<number> {
  const store = new PostgresEventStore({
    pool: platform.identityDb.appPool,
    schemas: identityRegistry,
  });
  const pupils = school.classes.flatMap((each) => each.pupils);
  await runConcurrently(8, pupils.length, async (index) => {
    const pupilId = pupils[index] as string;
    const guardianId = guardianOf(pupilId);
    await store.append(`guardianship-${pupilId}`, 'noStream', [
      event('GuardianLinked', {
        ...{ pupilId, guardianId, relation: 'mother', validFrom: school.startsOn },
        ...{ validUntil: null, restrictions: [] },
      }),
    ]);
    await store.append(`consent-${guardianId}`, 'noStream', [
      event('ConsentGiven', {
        ...{ consentId: `consent-${pupilId}`, grantorId: guardianId, subjectId: pupilId },
        ...{ purpose: 'diary_notifications', givenAt: new Date().toISOString() },
      }),
    ]);
  });
  await store.close();
  return pupils.length * 2;
}
