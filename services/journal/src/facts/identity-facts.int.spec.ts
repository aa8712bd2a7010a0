import { createTestDatabase, requireInfra, testMongoUrl, testTopic } from '@ejournal/testing';
import type { INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import type { IdentityFacts } from './identity-facts.port';
import { startFactsApp } from './testing/facts-app';
import { dumpFacts, until } from './testing/facts-tables';
import {
  classOpened,
  identityEvent,
  policyPublished,
  pupilEnrolled,
  REGION,
  schoolRegistered,
} from './testing/identity-events';
import {
  dropDatabaseAndRoles,
  identitySource,
  type IdentitySource,
} from './testing/identity-source';

jest.setTimeout(90_000);

const SCHOOL = 'school-17';
const CLASS_7A = 'class-7a';
const CLASS_7B = 'class-7b';
const ROBOTICS = 'group-robotics';
// Ids sort by their bytes ('pupil-11' before 'pupil-2'), as the port promises.
const TRANSFERRED = 'pupil-11';
const WITHDRAWN = 'pupil-03';
const LATE = 'pupil-2';
const IN_7B = 'pupil-25';
/** Released by school 17 (class 9А) and admitted by school 18: two schools' acts. */
const MOVED = 'pupil-40';

const calendarSet = (periodKind: 'quarters' | 'halves', periods: [string, string][]) =>
  identityEvent(
    'AcademicCalendarSet',
    {
      schoolId: SCHOOL,
      academicYear: '2026/2027',
      startsOn: '2026-09-01',
      endsOn: '2027-05-31',
      periodKind,
      periods: periods.map(([startsOn, endsOn], index) => ({
        number: index + 1,
        startsOn,
        endsOn,
      })),
      holidays: [{ startsOn: '2026-12-28', endsOn: '2027-01-08', title: 'Зимние каникулы' }],
    },
    SCHOOL,
  );

const HALVES: [string, string][] = [
  ['2026-09-01', '2026-12-27'],
  ['2027-01-09', '2027-05-31'],
];

/** Identity's streams as its deciders would have written them. */
const STREAMS = {
  [`school-${SCHOOL}`]: [
    schoolRegistered(SCHOOL),
    calendarSet('quarters', [
      ['2026-09-01', '2026-10-25'],
      ['2026-11-05', '2026-12-27'],
      ['2027-01-09', '2027-03-22'],
      ['2027-04-01', '2027-05-31'],
    ]),
    policyPublished(SCHOOL, 1, '2026-09-01', 3),
    classOpened(SCHOOL, CLASS_7A),
    classOpened(SCHOOL, CLASS_7B, 7, 'Б'),
    identityEvent(
      'GroupFormed',
      {
        groupId: ROBOTICS,
        schoolId: SCHOOL,
        academicYear: '2026/2027',
        kind: 'club',
        title: 'Робототехника',
      },
      SCHOOL,
    ),
    calendarSet('halves', HALVES),
    policyPublished(SCHOOL, 2, '2027-01-09', 5),
  ],
  'municipality-mun-simferopol': [
    identityEvent(
      'MunicipalityRegistered',
      { municipalityId: 'mun-simferopol', regionId: REGION },
      null,
    ),
  ],
  [`guardianship-${TRANSFERRED}`]: [
    identityEvent(
      'GuardianLinked',
      {
        pupilId: TRANSFERRED,
        guardianId: 'person-7',
        relation: 'mother',
        validFrom: '2026-09-01',
        validUntil: '2031-03-15',
        restrictions: [],
      },
      SCHOOL,
    ),
  ],
  [`enrolment-${TRANSFERRED}`]: [
    pupilEnrolled(SCHOOL, CLASS_7A, TRANSFERRED, '2026-09-01'),
    identityEvent(
      'PupilTransferred',
      {
        pupilId: TRANSFERRED,
        fromSchoolId: SCHOOL,
        fromClassId: CLASS_7A,
        toSchoolId: SCHOOL,
        toClassId: CLASS_7B,
        onDate: '2026-11-10',
      },
      SCHOOL,
    ),
  ],
  [`enrolment-${WITHDRAWN}`]: [
    pupilEnrolled(SCHOOL, CLASS_7A, WITHDRAWN, '2026-09-01'),
    identityEvent(
      'PupilWithdrawn',
      {
        pupilId: WITHDRAWN,
        schoolId: SCHOOL,
        classId: CLASS_7A,
        onDate: '2027-02-01',
        reason: 'moved_away',
      },
      SCHOOL,
    ),
  ],
  [`enrolment-${MOVED}`]: [
    pupilEnrolled(SCHOOL, 'class-9a', MOVED, '2026-09-01'),
    identityEvent(
      'PupilReleased',
      {
        pupilId: MOVED,
        schoolId: SCHOOL,
        classId: 'class-9a',
        onDate: '2026-12-01',
        toSchoolId: 'school-18',
        orderRef: '12-у',
      },
      SCHOOL,
    ),
    identityEvent(
      'PupilAdmitted',
      {
        pupilId: MOVED,
        schoolId: 'school-18',
        classId: 'class-9v',
        onDate: '2026-12-03',
        fromSchoolId: SCHOOL,
        orderRef: '31-з',
      },
      'school-18',
    ),
  ],
  'grants-teacher-1': [
    identityEvent(
      'RoleGranted',
      {
        grantId: 'grant-1',
        personId: 'teacher-1',
        role: 'teacher',
        scope: { kind: 'school', id: SCHOOL },
      },
      SCHOOL,
    ),
    identityEvent(
      'RoleGranted',
      {
        grantId: 'grant-2',
        personId: 'teacher-1',
        role: 'class_teacher',
        scope: { kind: 'class', id: 'class-9v', schoolId: 'school-18' },
      },
      'school-18',
    ),
    identityEvent('RoleRevoked', { grantId: 'grant-2', personId: 'teacher-1' }, 'school-18'),
    identityEvent(
      'RoleGranted',
      {
        grantId: 'grant-3',
        personId: 'teacher-1',
        role: 'parent',
        scope: { kind: 'school', id: 'school-19' },
      },
      'school-19',
    ),
  ],
  [`enrolment-${LATE}`]: [pupilEnrolled(SCHOOL, CLASS_7A, LATE, '2026-10-05')],
  [`enrolment-${IN_7B}`]: [pupilEnrolled(SCHOOL, CLASS_7B, IN_7B, '2026-09-01')],
  [`group-${ROBOTICS}`]: [
    identityEvent(
      'GroupMemberAdded',
      { groupId: ROBOTICS, pupilId: TRANSFERRED, fromDate: '2026-09-07' },
      SCHOOL,
    ),
    identityEvent(
      'GroupMemberAdded',
      { groupId: ROBOTICS, pupilId: IN_7B, fromDate: '2026-09-07' },
      SCHOOL,
    ),
    identityEvent(
      'GroupMemberAdded',
      { groupId: ROBOTICS, pupilId: LATE, fromDate: '2026-10-12' },
      SCHOOL,
    ),
    identityEvent(
      'GroupMemberRemoved',
      { groupId: ROBOTICS, pupilId: TRANSFERRED, onDate: '2027-01-09' },
      SCHOOL,
    ),
  ],
};
const EVENTS = Object.values(STREAMS).flat().length;

describe('identity facts projected from the identity topic (real Kafka and PostgreSQL)', () => {
  const topic = testTopic('journal facts');
  const groupId = `${topic}.journal-facts`;
  let source: IdentitySource;
  let journalDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplicationContext;
  let facts: IdentityFacts;
  let pool: Pool;

  /** Messages the journal's group has committed: handled (or dead-lettered) and done. */
  const committed = async () =>
    [...(await source.admin.committedOffsets(groupId, topic)).values()].reduce(
      (sum, offset) => sum + Math.max(0, Number(offset)),
      0,
    );

  beforeAll(async () => {
    const servers = await requireInfra();
    // The journal first: its consumer waits for the topic identity has not created yet.
    journalDatabase = await createTestDatabase('journal facts');
    ({ app, facts, pool } = await startFactsApp({
      databaseUrl: journalDatabase.url,
      brokers: servers.KAFKA_BROKERS,
      mongoUrl: testMongoUrl('journal facts').url,
      topic,
      groupId,
    }));
    source = await identitySource({
      database: await createTestDatabase('facts identity'),
      brokers: servers.KAFKA_BROKERS.split(','),
      topic,
      partitions: 3,
    });
    for (const [streamId, events] of Object.entries(STREAMS)) await source.append(streamId, events);
    source.startRelay('identity');
    await until(
      'the journal to consume every identity event',
      async () => (await committed()) === EVENTS,
    );
  });

  afterAll(async () => {
    await app?.close();
    await source?.close();
    if (journalDatabase) await dropDatabaseAndRoles(journalDatabase);
  });

  it("keeps a school's time zone and region", async () => {
    expect(await facts.school(SCHOOL)).toEqual({
      schoolId: SCHOOL,
      regionId: REGION,
      timeZone: 'Europe/Simferopol',
    });
    expect(await facts.school('school-unknown')).toBeNull();
  });

  it('keeps the calendar of the latest set for the year', async () => {
    expect(await facts.calendar(SCHOOL, '2026/2027')).toEqual({
      academicYear: '2026/2027',
      startsOn: '2026-09-01',
      endsOn: '2027-05-31',
      periods: HALVES.map(([startsOn, endsOn], index) => ({ number: index + 1, startsOn, endsOn })),
    });
    expect(await facts.calendar(SCHOOL, '2027/2028')).toBeNull();
  });

  it('finds the policy version in force on a date', async () => {
    expect(await facts.policyOn(SCHOOL, '2026-08-31')).toBeNull();
    expect((await facts.policyOn(SCHOOL, '2026-09-01'))?.policyVersion).toBe(1);
    expect((await facts.policyOn(SCHOOL, '2027-01-08'))?.policyVersion).toBe(1);
    expect(await facts.policyOn(SCHOOL, '2027-01-09')).toEqual({
      policyVersion: 2,
      effectiveFrom: '2027-01-09',
      correctionWindowDays: 5,
      afterWindowAuthorisedBy: ['deputy_head'],
      afterPeriodClosedAuthorisedBy: ['head'],
      orderRequired: true,
      markScales: ['five_point', 'pass_fail'],
      workTypeWeights: [
        { workType: 'classwork', weight: 1 },
        { workType: 'test', weight: 2 },
      ],
      averaging: { method: 'weighted', decimals: 2, rounding: 'half_up' },
    });
  });

  it('knows classes and ad-hoc groups', async () => {
    expect(await facts.group(CLASS_7A)).toEqual({
      groupId: CLASS_7A,
      schoolId: SCHOOL,
      academicYear: '2026/2027',
      kind: 'class',
    });
    expect(await facts.group(ROBOTICS)).toMatchObject({ groupId: ROBOTICS, kind: 'club' });
    expect(await facts.group('group-unknown')).toBeNull();
  });

  it("follows a class's roster across enrolment, transfer and withdrawal", async () => {
    const roster = (classId: string, date: string) => facts.membersOn(classId, date);
    expect(await roster(CLASS_7A, '2026-08-31')).toEqual([]);
    expect(await roster(CLASS_7A, '2026-09-01')).toEqual([WITHDRAWN, TRANSFERRED]);
    expect(await roster(CLASS_7A, '2026-10-05')).toEqual([WITHDRAWN, TRANSFERRED, LATE]);
    expect(await roster(CLASS_7A, '2026-11-09')).toEqual([WITHDRAWN, TRANSFERRED, LATE]);
    expect(await roster(CLASS_7A, '2026-11-10')).toEqual([WITHDRAWN, LATE]);
    expect(await roster(CLASS_7A, '2027-01-31')).toEqual([WITHDRAWN, LATE]);
    expect(await roster(CLASS_7A, '2027-02-01')).toEqual([LATE]);
    expect(await roster(CLASS_7B, '2026-11-09')).toEqual([IN_7B]);
    expect(await roster(CLASS_7B, '2026-11-10')).toEqual([TRANSFERRED, IN_7B]);
  });

  it("follows an ad-hoc group's members as they are added and removed", async () => {
    const members = (date: string) => facts.membersOn(ROBOTICS, date);
    expect(await members('2026-09-06')).toEqual([]);
    expect(await members('2026-09-07')).toEqual([TRANSFERRED, IN_7B]);
    expect(await members('2026-10-12')).toEqual([TRANSFERRED, LATE, IN_7B]);
    expect(await members('2027-01-08')).toEqual([TRANSFERRED, LATE, IN_7B]);
    expect(await members('2027-01-09')).toEqual([LATE, IN_7B]);
  });

  it('lists everyone who was in a class or group on any day of a range', async () => {
    expect(await facts.membersDuring(CLASS_7A, '2026-11-01', '2026-11-30')).toEqual([
      WITHDRAWN,
      TRANSFERRED,
      LATE,
    ]);
    expect(await facts.membersDuring(CLASS_7A, '2026-11-10', '2026-12-31')).toEqual([
      WITHDRAWN,
      LATE,
    ]);
    expect(await facts.membersDuring(CLASS_7A, '2027-01-01', '2027-02-01')).toEqual([
      WITHDRAWN,
      LATE,
    ]);
    expect(await facts.membersDuring(CLASS_7A, '2027-02-01', '2027-05-31')).toEqual([LATE]);
    expect(await facts.membersDuring(CLASS_7A, '2026-08-01', '2026-08-31')).toEqual([]);
    expect(await facts.membersDuring(ROBOTICS, '2027-01-09', '2027-05-31')).toEqual([LATE, IN_7B]);
    expect(await facts.membersDuring(ROBOTICS, '2027-01-08', '2027-01-09')).toEqual([
      TRANSFERRED,
      LATE,
      IN_7B,
    ]);
    expect(await facts.membersDuring(CLASS_7A, '2026-12-01', '2026-11-01')).toEqual([]);
  });

  it('tells the class a pupil was in on a date', async () => {
    expect(await facts.classOf(TRANSFERRED, '2026-11-09')).toEqual({
      schoolId: SCHOOL,
      classId: CLASS_7A,
    });
    expect(await facts.classOf(TRANSFERRED, '2026-11-10')).toEqual({
      schoolId: SCHOOL,
      classId: CLASS_7B,
    });
    expect(await facts.classOf(WITHDRAWN, '2027-01-31')).toEqual({
      schoolId: SCHOOL,
      classId: CLASS_7A,
    });
    expect(await facts.classOf(WITHDRAWN, '2027-02-01')).toBeNull();
    expect(await facts.classOf(LATE, '2026-10-04')).toBeNull();
  });

  it('keeps a pupil released by one school and admitted by another on both rosters by date', async () => {
    expect(await facts.classOf(MOVED, '2026-11-30')).toEqual({
      schoolId: SCHOOL,
      classId: 'class-9a',
    });
    expect(await facts.classOf(MOVED, '2026-12-02')).toBeNull();
    expect(await facts.classOf(MOVED, '2026-12-03')).toEqual({
      schoolId: 'school-18',
      classId: 'class-9v',
    });
    expect(await facts.membersOn('class-9a', '2026-11-30')).toEqual([MOVED]);
    expect(await facts.membersOn('class-9a', '2026-12-01')).toEqual([]);
    expect(await facts.membersOn('class-9v', '2026-12-03')).toEqual([MOVED]);
  });

  it('keeps the schools a person is or was staff of, not those of other roles', async () => {
    expect(await facts.staffSchools('teacher-1')).toEqual([SCHOOL, 'school-18']);
    expect(await facts.staffSchools('pupil-40')).toEqual([]);
  });

  it("skips facts the journal does not keep, yet records their streams' versions", async () => {
    const { rows } = await pool.query<{ stream_id: string; version: number }>(
      'SELECT stream_id, version FROM journal_facts.applied_versions ORDER BY stream_id',
    );
    expect(Object.fromEntries(rows.map((row) => [row.stream_id, row.version]))).toEqual(
      Object.fromEntries(
        Object.entries(STREAMS).map(([streamId, events]) => [streamId, events.length]),
      ),
    );
    expect((await source.messages()).deadLetters).toBe(0);
  });

  it('is idempotent: every event delivered twice leaves identical rows', async () => {
    const before = await dumpFacts(pool);
    expect(before['placements']).toHaveLength(7);
    source.startRelay('identity-republished');
    await until(
      'the republished events',
      async () => (await source.messages()).topic === 2 * EVENTS,
    );
    await until('the journal to consume them', async () => (await committed()) === 2 * EVENTS);

    expect(await dumpFacts(pool)).toEqual(before);
    expect((await source.messages()).deadLetters).toBe(0);
  });
});
