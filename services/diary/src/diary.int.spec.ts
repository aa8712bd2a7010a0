import type { Grant } from '@ejournal/auth';
import type { DiaryNotification, RecordedEvent } from '@ejournal/contracts';
import { DiaryNotificationV1 } from '@ejournal/contracts';
import { createTestDatabase, requireInfra, testMongoUrl, testTopic } from '@ejournal/testing';
import type { Pool } from 'pg';
import { ReadLog } from './edge/read-log';
import { APP_POOL } from './infrastructure/tokens';
import { JournalProjector } from './journal-events/journal-projector';
import { diaryTestApp, streams, type DiaryTestApp } from './testing/diary-test-app';
import { consentGiven, guardianLinked } from './testing/identity-facts';
import { until } from './testing/until';

jest.setTimeout(60_000);

const REGION = 'region-91';
const S1 = 'school-1';
const S2 = 'school-2';
const C7A = 'class-7a';
const school = (id: string): Grant['scope'] => ({ kind: 'school', id });
const lessonRef = { journalId: 'j-math', subjectId: 'math', activityKind: 'lesson' };

const IDENTITY = streams(REGION, [
  [
    `school-${S1}`,
    S1,
    [
      [
        'SchoolRegistered',
        { schoolId: S1, regionId: REGION, municipalityId: 'm-1', timeZone: 'Europe/Simferopol' },
      ],
      [
        'AcademicCalendarSet',
        {
          schoolId: S1,
          academicYear: '2026/2027',
          startsOn: '2026-09-01',
          endsOn: '2027-05-31',
          periodKind: 'quarters',
          periods: [
            { number: 1, startsOn: '2026-09-01', endsOn: '2026-10-25' },
            { number: 2, startsOn: '2026-11-05', endsOn: '2026-12-27' },
          ],
          holidays: [],
        },
      ],
      [
        'SchoolPolicyPublished',
        {
          schoolId: S1,
          policyVersion: 1,
          effectiveFrom: '2026-09-01',
          correctionWindowDays: 3,
          afterWindowAuthorisedBy: ['deputy_head'],
          afterPeriodClosedAuthorisedBy: ['head'],
          orderRequired: false,
          markScales: ['five_point'],
          workTypeWeights: [{ workType: 'test', weight: 2 }],
          averaging: { method: 'weighted', decimals: 2, rounding: 'half_up' },
        },
      ],
      [
        'ClassOpened',
        { classId: C7A, schoolId: S1, academicYear: '2026/2027', grade: 7, letter: 'А' },
      ],
    ],
  ],
  [
    'enrolment-pupil-1',
    S1,
    [['PupilEnrolled', { pupilId: 'pupil-1', schoolId: S1, classId: C7A, onDate: '2026-09-01' }]],
  ],
  [
    'enrolment-pupil-2',
    S1,
    [['PupilEnrolled', { pupilId: 'pupil-2', schoolId: S1, classId: C7A, onDate: '2026-09-01' }]],
  ],
  [
    'guardianship-pupil-1',
    S1,
    [
      guardianLinked('pupil-1', 'guardian-1', 'mother'),
      guardianLinked('pupil-1', 'guardian-2', 'father'),
    ],
  ],
  [
    'guardianship-pupil-2',
    S1,
    [
      guardianLinked('pupil-2', 'guardian-3', 'mother'),
      [
        'GuardianshipEnded',
        {
          pupilId: 'pupil-2',
          guardianId: 'guardian-3',
          onDate: '2026-09-05',
          reason: 'court_order',
        },
      ],
    ],
  ],
  ...(['guardian-1', 'guardian-3'] as const).map(
    (guardian, index) =>
      [
        `consent-${guardian}`,
        S1,
        [consentGiven(`consent-${index}`, guardian, `pupil-${index + 1}`)],
      ] as [string, string, [string, object][]],
  ),
]);

const lesson = (lessonId: string, date: string, slot: number, homework: object | null) => [
  'LessonHeld',
  { lessonId, date, slot, topic: `topic of ${lessonId}`, homework },
];
const mark = (
  markId: string,
  lessonId: string,
  value: string,
  workType: string,
  weight: number,
) => ['MarkRecorded', { markId, lessonId, pupilId: 'pupil-1', value, workType, weight }];
const correction = {
  reason: 'entered wrongly',
  authorisedBy: null,
  orderRef: null,
  policyVersion: 1,
};

const JOURNAL = streams(REGION, [
  [
    'journal-j-math',
    S1,
    [
      [
        'JournalOpened',
        {
          journalId: 'j-math',
          schoolId: S1,
          academicYear: '2026/2027',
          groupId: C7A,
          kind: 'lesson',
          subjectId: 'math',
          scale: 'five_point',
        },
      ],
      lesson('l-1', '2026-09-08', 2, { text: 'Exercises 1–5', dueDate: '2026-09-10' }),
      mark('m-1', 'l-1', '4', 'test', 2),
      mark('m-2', 'l-1', '5', 'classwork', 1),
      [
        'MarkCorrected',
        {
          markId: 'm-1',
          correctsEventId: '0190a6b8-5c1e-7a3b-8f00-000000000001',
          from: '4',
          value: '3',
          ...correction,
        },
      ],
      ['AttendanceRecorded', { lessonId: 'l-1', pupilId: 'pupil-2', status: 'absent' }],
      lesson('l-2', '2026-09-09', 1, null),
      mark('m-3', 'l-2', '2', 'classwork', 1),
      ['LessonVoided', { lessonId: 'l-2', ...correction }],
      ['MarkRevoked', { markId: 'm-2', ...correction }],
    ] as [string, object][],
  ],
  [
    'journal-j-club',
    S1,
    [
      [
        'JournalOpened',
        {
          journalId: 'j-club',
          schoolId: S1,
          academicYear: '2026/2027',
          groupId: C7A,
          kind: 'club',
          subjectId: null,
          scale: 'pass_fail',
        },
      ],
      lesson('l-3', '2026-09-10', 7, null),
    ] as [string, object][],
  ],
  // The planning context's thematic plans share the topic: the diary lets them pass.
  [
    'thematic-j-math',
    S1,
    [
      [
        'ThematicPlanSet',
        {
          journalId: 'j-math',
          items: [{ number: 1, section: null, topic: 'Fractions', hours: 1, plannedDate: null }],
          copiedFrom: null,
        },
      ],
    ],
  ],
  [
    `summary-${S1}-2026-${C7A}`,
    S1,
    [
      [
        'SummaryMarkSet',
        {
          pupilId: 'pupil-1',
          subjectId: 'math',
          kind: 'period',
          period: 1,
          value: '4',
          journalId: 'j-math',
          policyVersion: 1,
        },
      ],
    ],
  ],
]);

describe('the diary on real Kafka, PostgreSQL and FerretDB', () => {
  let diary: DiaryTestApp;
  const received: DiaryNotification[] = [];
  let stopListening: () => Promise<void> = async () => undefined;

  const read = async (url: string, subject: string, grants: Grant[]) =>
    diary.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${await diary.token(grants, subject)}` },
    });

  beforeAll(async () => {
    const label = 'diary facts';
    diary = await diaryTestApp({
      servers: { ...(await requireInfra()) },
      database: await createTestDatabase(label),
      mongoUrl: testMongoUrl(label).url,
      topics: {
        identity: testTopic('diary identity'),
        journal: testTopic('diary journal'),
        diary: testTopic('diary notes'),
      },
      consumers: true,
      clock: () => new Date('2026-09-10T09:00:00Z'),
    });
    await diary.publish(diary.topics.identity, IDENTITY);
    // Journal events after identity's facts are in: the roster decides who a lesson concerns.
    await until('the rosters', async () => {
      const answer = await read('/me/pupils', 'guardian-1', [
        { role: 'parent', scope: school(S1) },
      ]);
      return answer.json().pupils?.length === 1;
    });
    await diary.publish(diary.topics.journal, JOURNAL);
    const subscriber = diary.bus.subscriber({
      groupId: `${diary.topics.diary}.spec`,
      topics: [diary.topics.diary],
    });
    await until(
      'the notifications topic',
      async () => (await diary.admin.endOffsets(diary.topics.diary).catch(() => null))?.size,
    );
    await subscriber.run(async (batch, control) => {
      for (const message of batch.messages) received.push(JSON.parse(String(message.value)));
      await control.commit(batch.messages.at(-1)?.offset ?? '0');
    });
    stopListening = () => subscriber.stop();
  });

  afterAll(async () => {
    await stopListening();
    await diary?.close();
  });

  it('shows a pupil’s week: topics, homework, current marks flagged as corrected; voided and revoked gone', async () => {
    const week = await until('the week with the correction and the revocation', async () => {
      const answer = (
        await read('/pupils/pupil-1/diary?week=2026-W37', 'pupil-1', [
          { role: 'pupil', scope: school(S1) },
        ])
      ).json();
      const marks = answer.days?.[1]?.lessons?.[0]?.marks ?? [];
      return answer.days?.[3]?.lessons?.length === 1 &&
        marks.length === 1 &&
        marks[0].value === '3' &&
        answer.days[2].lessons.length === 0
        ? answer
        : null;
    });
    expect(week.days.map((day: { date: string }) => day.date)[0]).toBe('2026-09-07');
    expect(week.days[1].lessons[0]).toEqual({
      lessonId: 'l-1',
      ...lessonRef,
      slot: 2,
      topic: 'topic of l-1',
      edited: false,
      homework: { text: 'Exercises 1–5', dueDate: '2026-09-10' },
      marks: [{ markId: 'm-1', value: '3', workType: 'test', weight: 2, corrected: true }],
      attendance: null,
    });
    expect(week.days[3].lessons[0]).toMatchObject({
      lessonId: 'l-3',
      activityKind: 'club',
      subjectId: null,
    });
    expect(week.stale).toBe(false);
  });

  it('averages marks under the school’s policy beside the summary sheet’s period mark', async () => {
    const marks = await until('the marks with the period mark', async () => {
      const answer = (
        await read('/pupils/pupil-1/marks?year=2026/2027&period=1', 'guardian-1', [
          { role: 'parent', scope: school(S1) },
        ])
      ).json();
      const period = answer.subjects?.[0]?.periods?.[0];
      return period?.periodMark && period.marks.length === 1 && period.average === 3
        ? answer
        : null;
    });
    expect(marks.subjects).toHaveLength(1);
    expect(marks.subjects[0]).toMatchObject({ subjectId: 'math', average: 3 });
    expect(marks.subjects[0].periods[0]).toMatchObject({
      period: 1,
      average: 3,
      periodMark: { value: '4', corrected: false },
    });
    expect(
      marks.subjects[0].periods[0].marks.map((each: { markId: string }) => each.markId),
    ).toEqual(['m-1']);
  });

  it('lets only the pupil, active guardians and the school’s staff read, and logs each read', async () => {
    const statuses = await Promise.all([
      read('/pupils/pupil-2/diary', 'pupil-1', [{ role: 'pupil', scope: school(S1) }]),
      read('/pupils/pupil-2/diary', 'guardian-1', [{ role: 'parent', scope: school(S1) }]),
      read('/pupils/pupil-2/diary', 'guardian-3', [{ role: 'parent', scope: school(S1) }]),
      read('/pupils/pupil-1/diary', 'head-2', [{ role: 'head', scope: school(S2) }]),
      read('/pupils/pupil-1/diary', 'teacher-7', [
        { role: 'class_teacher', scope: { kind: 'class', id: C7A, schoolId: S1 } },
      ]),
      read('/pupils/pupil-1/marks', 'head-1', [{ role: 'head', scope: school(S1) }]),
    ]);
    expect(statuses.map((answer) => answer.statusCode)).toEqual([403, 403, 403, 404, 200, 200]);
    expect(statuses[0]?.json().code).toBe('DIARY.NOT_YOUR_PUPIL');
    // Another school's pupil is answered like an unknown one: nothing tells that it exists.
    expect(statuses[3]?.json().code).toBe('DIARY.PUPIL_NOT_FOUND');
    const pool = diary.app.get<Pool>(APP_POOL);
    const { rows } = await pool.query<{ actor_id: string; actor_role: string; school_id: string }>(
      `SELECT actor_id, actor_role, school_id FROM diary.read_log
       WHERE actor_id IN ('teacher-7', 'head-1', 'head-2', 'pupil-1') AND pupil_id = 'pupil-1'
         AND endpoint LIKE 'GET /pupils/:pupilId/%' ORDER BY actor_id`,
    );
    expect(rows.filter((row) => row.actor_id !== 'pupil-1')).toEqual([
      { actor_id: 'head-1', actor_role: 'head', school_id: S1 },
      { actor_id: 'teacher-7', actor_role: 'class_teacher', school_id: S1 },
    ]);
    const mine = await read('/me/pupils', 'guardian-3', [{ role: 'parent', scope: school(S1) }]);
    expect(mine.json()).toEqual({ pupils: [] });
  });

  it('logs the reads of a moment in one INSERT each moment, every entry at its own read', async () => {
    const log = diary.app.get(ReadLog);
    const entry = (n: number) => ({
      actorId: `group-reader-${n}`,
      role: 'parent',
      pupilId: 'pupil-group',
      endpoint: 'GET /pupils/:pupilId/diary',
      schoolId: S1,
    });
    await Promise.all(Array.from({ length: 40 }, (_, n) => log.record(entry(n))));
    const pool = diary.app.get<Pool>(APP_POOL);
    // Rows written by one INSERT share its transaction id (xmin).
    const { rows } = await pool.query<{ actor_id: string; tx: string; at: Date }>(
      `SELECT actor_id, xmin::text AS tx, at FROM diary.read_log WHERE pupil_id = 'pupil-group'`,
    );
    expect(rows.map((row) => row.actor_id).sort()).toEqual(
      Array.from({ length: 40 }, (_, n) => `group-reader-${n}`).sort(),
    );
    expect(new Set(rows.map((row) => row.tx)).size).toBeLessThan(40);
    // The instant of the read as the service's clock tells it (fixed here), not the INSERT's.
    expect(new Set(rows.map((row) => row.at.toISOString()))).toEqual(
      new Set(['2026-09-10T09:00:00.000Z']),
    );
  });

  it('lets the thematic plans pass: nothing applied, nothing quarantined', async () => {
    const projector = diary.app.get(JournalProjector);
    const thematic = JOURNAL.find((event) => event.streamId.startsWith('thematic-'));
    expect(thematic).toBeDefined();
    await expect(projector.apply(thematic as RecordedEvent)).resolves.toBe('ignored');
    const pool = diary.app.get<Pool>(APP_POOL);
    const { rows } = await pool.query<{ stream_id: string }>(
      `SELECT stream_id FROM diary.applied_versions WHERE stream_id LIKE 'thematic-%'
       UNION ALL SELECT stream_id FROM diary.quarantined_streams`,
    );
    expect(rows).toEqual([]);
  });

  it('publishes one notification per recipient with consent, and redelivery never doubles one', async () => {
    await until('19 notifications', async () => received.length >= 19);
    await diary.publish(diary.topics.journal, JOURNAL);
    const group = `${diary.topics.journal}.diary`;
    await until('the redelivered events consumed', async () => {
      const [ends, committed] = await Promise.all([
        diary.admin.endOffsets(diary.topics.journal),
        diary.admin.committedOffsets(group, diary.topics.journal),
      ]);
      return [...ends].every(([partition, end]) => end === '0' || committed.get(partition) === end);
    });
    const total = [...(await diary.admin.endOffsets(diary.topics.diary)).values()].reduce(
      (sum, end) => sum + Number(end),
      0,
    );
    expect(total).toBe(19);
    expect(new Set(received.map((each) => each.notificationId)).size).toBe(19);
    for (const each of received) expect(DiaryNotificationV1.safeParse(each).error).toBeUndefined();
    const recipients = (kind: string) =>
      received
        .filter((each) => each.kind === kind)
        .map((each) => each.recipientId)
        .sort();
    expect(recipients('homework_set')).toEqual(['guardian-1', 'pupil-1', 'pupil-2']);
    expect(recipients('mark_corrected')).toEqual(['guardian-1', 'pupil-1']);
    expect(recipients('attendance_recorded')).toEqual(['pupil-2']);
    expect(recipients('lesson_voided')).toEqual(['guardian-1', 'pupil-1', 'pupil-2']);
    expect(recipients('summary_mark_set')).toEqual(['guardian-1', 'pupil-1']);
    const corrected = received.find((each) => each.kind === 'mark_corrected');
    expect(corrected?.data).toMatchObject({ markId: 'm-1', from: '4', to: '3' });
    expect(received.every((each) => each.recipientId !== 'guardian-2')).toBe(true);
  });
});
