import {
  newEventId,
  type IdentityEvent,
  type IdentityEventType,
  type NewEvent,
  type RecordedIdentityEvent,
} from '@ejournal/contracts';

// Specs only: identity's events as its deciders write them, ids only.

export const REGION = 'region-91';

export type DataOf<T extends IdentityEventType> = Extract<IdentityEvent, { type: T }>['data'];

export function identityEvent<T extends IdentityEventType>(
  type: T,
  data: DataOf<T>,
  schoolId: string | null,
): NewEvent<T, DataOf<T>> {
  return {
    eventId: newEventId(),
    type,
    schemaVersion: 1,
    occurredAt: '2026-08-25T09:00:00+03:00',
    tenant: { regionId: REGION, schoolId },
    actor: { userId: 'person-admin', role: 'school_admin', onBehalfOf: null },
    correlationId: `test-${type}`,
    causationId: null,
    traceparent: null,
    data,
  };
}

/** An event as the store records it and the relay publishes it, for specs without Kafka. */
export function recorded(
  streamId: string,
  streamVersion: number,
  event: NewEvent,
): RecordedIdentityEvent {
  const envelope = {
    ...event,
    streamId,
    streamVersion,
    globalPosition: String(streamVersion),
    recordedAt: '2026-08-25T06:00:00.000Z',
    prevHash: null,
    hash: null,
  };
  return envelope as RecordedIdentityEvent;
}

export const schoolRegistered = (schoolId: string, timeZone = 'Europe/Simferopol') =>
  identityEvent(
    'SchoolRegistered',
    { schoolId, regionId: REGION, municipalityId: 'mun-simferopol', timeZone },
    schoolId,
  );

export const classOpened = (schoolId: string, classId: string, grade = 7, letter = 'А') =>
  identityEvent(
    'ClassOpened',
    { classId, schoolId, academicYear: '2026/2027', grade, letter },
    schoolId,
  );

export const pupilEnrolled = (schoolId: string, classId: string, pupilId: string, onDate: string) =>
  identityEvent('PupilEnrolled', { pupilId, schoolId, classId, onDate }, schoolId);

export const policyPublished = (
  schoolId: string,
  policyVersion: number,
  effectiveFrom: string,
  correctionWindowDays: number,
) =>
  identityEvent(
    'SchoolPolicyPublished',
    {
      schoolId,
      policyVersion,
      effectiveFrom,
      correctionWindowDays,
      afterWindowAuthorisedBy: ['deputy_head'],
      afterPeriodClosedAuthorisedBy: ['head'],
      orderRequired: policyVersion > 1,
      markScales: ['five_point', 'pass_fail'],
      workTypeWeights: [
        { workType: 'classwork', weight: 1 },
        { workType: 'test', weight: 2 },
      ],
      averaging: { method: 'weighted', decimals: 2, rounding: 'half_up' },
    },
    schoolId,
  );
