import { identityRegistry, newEventId, type NewEvent } from '@ejournal/contracts';
import { PostgresEventStore } from '@ejournal/event-store';
import { startServiceRelay, type ServiceRelay } from '@ejournal/messaging';
import { runConcurrently } from '../measure';
import type { Platform } from './platform';
import { REGION_ID, SCHOOL_ID, TIME_ZONE, type BenchSchool } from './school';

const POLICY = {
  schoolId: SCHOOL_ID,
  policyVersion: 1,
  correctionWindowDays: 3,
  afterWindowAuthorisedBy: ['deputy_head', 'head'],
  afterPeriodClosedAuthorisedBy: ['head'],
  orderRequired: true,
  markScales: ['five_point', 'pass_fail'],
  workTypeWeights: [
    { workType: 'classwork', weight: 1 },
    { workType: 'test', weight: 2 },
  ],
  averaging: { method: 'weighted', decimals: 2, rounding: 'half_up' },
};

const event = (type: string, data: unknown): NewEvent => ({
  eventId: newEventId(),
  type,
  schemaVersion: 1,
  occurredAt: new Date().toISOString(),
  tenant: { regionId: REGION_ID, schoolId: type === 'MunicipalityRegistered' ? null : SCHOOL_ID },
  actor: { userId: 'bench-operator', role: 'regional_operator', onBehalfOf: null },
  correlationId: `bench-${type}`,
  causationId: null,
  traceparent: null,
  data,
});

/** The school's streams as identity's deciders would have recorded them. */
function schoolStreams(school: BenchSchool): [string, NewEvent[]][] {
  const { academicYear, startsOn, endsOn, periods } = school;
  const classes = school.classes.map(({ classId }, index) =>
    event('ClassOpened', {
      classId,
      schoolId: SCHOOL_ID,
      academicYear,
      grade: (index % 11) + 1,
      letter: 'АБВГДЕ'[Math.floor(index / 11)],
    }),
  );
  const enrolments = school.classes.flatMap(({ classId, pupils }) =>
    pupils.map((pupilId): [string, NewEvent[]] => [
      `enrolment-${pupilId}`,
      [event('PupilEnrolled', { pupilId, schoolId: SCHOOL_ID, classId, onDate: startsOn })],
    ]),
  );
  // Teachers are the school's staff: the journal places them by their grants.
  const grants = school.classes.map(({ teacherId }): [string, NewEvent[]] => [
    `grants-${teacherId}`,
    [
      event('RoleGranted', {
        grantId: `grant-${teacherId}`,
        personId: teacherId,
        role: 'teacher',
        scope: { kind: 'school', id: SCHOOL_ID },
      }),
    ],
  ]);
  const municipality = { municipalityId: 'mun-bench', regionId: REGION_ID };
  return [
    ['municipality-mun-bench', [event('MunicipalityRegistered', municipality)]],
    [
      `school-${SCHOOL_ID}`,
      [
        event('SchoolRegistered', { ...municipality, schoolId: SCHOOL_ID, timeZone: TIME_ZONE }),
        event('AcademicCalendarSet', {
          ...{ schoolId: SCHOOL_ID, academicYear, startsOn, endsOn },
          ...{ periodKind: 'halves', periods, holidays: [] },
        }),
        event('SchoolPolicyPublished', { ...POLICY, effectiveFrom: startsOn }),
        ...classes,
      ],
    ],
    ...enrolments,
    ...grants,
  ];
}

/**
 * Identity's facts on the bench's identity topic exactly as identity publishes them: appended
 * to an identity event store, published by the shared service relay. Returns the relay (to
 * stop at the end) and how many streams the journal must have applied.
 */
export async function publishIdentityFacts(
  platform: Platform,
  school: BenchSchool,
): Promise<{ streams: number; relay: ServiceRelay }> {
  const { appPool } = platform.identityDb;
  const store = new PostgresEventStore({ pool: appPool, schemas: identityRegistry });
  const streams = schoolStreams(school);
  await runConcurrently(8, streams.length, async (index) => {
    const [streamId, events] = streams[index] as [string, NewEvent[]];
    await store.append(streamId, 'noStream', events);
  });
  await store.close();
  const relay = await startServiceRelay({
    service: 'bench-identity',
    brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
    topic: platform.topics.identity,
    partitions: 3,
    replicationFactor: 1,
    pool: appPool,
    connectionString: appPool.options.connectionString ?? '',
    registry: identityRegistry,
    onError: (error) => process.stderr.write(`[bench journal] identity relay: ${String(error)}\n`),
  });
  return { streams: streams.length, relay };
}

/** Waits until the journal applied every identity stream (its facts' applied versions). */
export async function waitForFacts(platform: Platform, streams: number, withinMs = 120_000) {
  const started = performance.now();
  for (const deadline = Date.now() + withinMs; ;) {
    const applied = await platform.journalAdmin
      .query<{ count: string }>('SELECT count(*) FROM journal_facts.applied_versions')
      .then(
        (result) => Number(result.rows[0]?.count ?? 0),
        () => 0,
      );
    if (applied >= streams) return (performance.now() - started) / 1000;
    if (Date.now() > deadline) throw new Error(`only ${applied}/${streams} identity streams`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
