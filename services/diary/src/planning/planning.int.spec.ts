import type { Grant } from '@ejournal/auth';
import { DiaryNotificationV1, type DiaryNotification } from '@ejournal/contracts';
import { createTestDatabase, requireInfra, testMongoUrl, testTopic } from '@ejournal/testing';
import type { Pool } from 'pg';
import type { DiaryConfig } from '../config';
import { APP_POOL, DIARY_CONFIG } from '../infrastructure/tokens';
import { Wakeups } from '../infrastructure/wakeups';
import { diaryTestApp, streams, type DiaryTestApp } from '../testing/diary-test-app';
import { consentGiven, guardianLinked } from '../testing/identity-facts';
import { until } from '../testing/until';
import { PlanningHorizon } from './planning-horizon';

jest.setTimeout(60_000);

// Thursday 10 September 2026 (week 37) at the school; the horizon is 7 days: weeks 37 and 38.
const NOW = new Date('2026-09-10T09:00:00Z');
const REGION = 'region-91';
const S1 = 'school-p';
const C7A = 'class-p7a';
const YEAR = '2026/2027';

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
          academicYear: YEAR,
          startsOn: '2026-09-01',
          endsOn: '2027-05-31',
          periodKind: 'quarters',
          periods: [{ number: 1, startsOn: '2026-09-01', endsOn: '2026-10-25' }],
          holidays: [{ startsOn: '2026-09-16', endsOn: '2026-09-16', title: 'A day off' }],
        },
      ],
      ['ClassOpened', { classId: C7A, schoolId: S1, academicYear: YEAR, grade: 7, letter: 'А' }],
    ],
  ],
  ...(['pupil-1', 'pupil-2'] as const).map(
    (pupilId) =>
      [
        `enrolment-${pupilId}`,
        S1,
        [['PupilEnrolled', { pupilId, schoolId: S1, classId: C7A, onDate: '2026-09-01' }]],
      ] as [string, string, [string, object][]],
  ),
  [
    'guardianship-pupil-1',
    S1,
    [
      guardianLinked('pupil-1', 'guardian-1', 'mother'),
      guardianLinked('pupil-1', 'guardian-2', 'father'),
    ],
  ],
  ['consent-guardian-1', S1, [consentGiven('consent-1', 'guardian-1', 'pupil-1')]],
]);

const template = (tuesdayRoom: string) => [
  { day: 1, slot: 1, journalId: 'j-math', teacherId: 't-math', roomId: 'r-1', subgroup: null },
  {
    day: 2,
    slot: 1,
    journalId: 'j-math',
    teacherId: 't-math',
    roomId: tuesdayRoom,
    subgroup: null,
  },
  { day: 4, slot: 1, journalId: 'j-math', teacherId: 't-math', roomId: 'r-1', subgroup: null },
  { day: 5, slot: 2, journalId: 'j-math', teacherId: 't-math', roomId: 'r-1', subgroup: null },
];
const change = (changeId: string, kind: string, date: string, slot: number, more = {}) => [
  'TimetableChanged',
  {
    academicYear: YEAR,
    changeId,
    kind,
    groupId: C7A,
    journalId: 'j-math',
    date,
    slot,
    teacherId: null,
    roomId: null,
    toDate: null,
    toSlot: null,
    reason: null,
    ...more,
  },
];

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
          academicYear: YEAR,
          groupId: C7A,
          kind: 'lesson',
          subjectId: 'math',
          scale: 'five_point',
        },
      ],
      [
        'LessonHeld',
        {
          lessonId: 'l-1',
          date: '2026-09-10',
          slot: 1,
          topic: 'Fractions',
          homework: { text: 'Exercises 1–5', dueDate: '2026-09-14' },
        },
      ],
    ],
  ],
  [
    `planning-${S1}-2026`,
    S1,
    [
      [
        'BellScheduleSet',
        {
          academicYear: YEAR,
          shift: 1,
          slots: [
            { slot: 1, startsAt: '08:30', endsAt: '09:15' },
            { slot: 2, startsAt: '09:25', endsAt: '10:10' },
            { slot: 3, startsAt: '10:20', endsAt: '11:05' },
          ],
          exceptions: [],
        },
      ],
      [
        'TimetableVersionSet',
        {
          academicYear: YEAR,
          groupId: C7A,
          versionId: 'v-1',
          effectiveFrom: '2026-09-01',
          shift: 1,
          lessons: template('r-1'),
        },
      ],
      // From the 14th Tuesday's lesson is in room r-2: the 15th is a coming day.
      [
        'TimetableVersionSet',
        {
          academicYear: YEAR,
          groupId: C7A,
          versionId: 'v-2',
          effectiveFrom: '2026-09-14',
          shift: 1,
          lessons: template('r-2'),
        },
      ],
      change('c-1', 'cancellation', '2026-09-14', 1),
      change('c-2', 'substitution', '2026-09-17', 1, { teacherId: 't-sub' }),
      change('c-3', 'extra', '2026-09-15', 3, { teacherId: 't-math', roomId: 'r-5' }),
      // Days gone by: applied, nobody told.
      change('c-4', 'cancellation', '2026-09-08', 1),
    ] as [string, object][],
  ],
]).map((event) => ({
  ...event,
  // The first version was published in August (no coming day within the horizon then).
  occurredAt:
    event.type === 'TimetableVersionSet' && event.streamVersion === 2
      ? '2026-08-20T09:00:00+03:00'
      : '2026-09-10T12:00:00+03:00',
}));

describe('the planned lessons ahead and their changes, on real Kafka, PostgreSQL and FerretDB', () => {
  let diary: DiaryTestApp;
  const received: DiaryNotification[] = [];
  let stopListening: () => Promise<void> = async () => undefined;

  const week = async (pupilId: string, isoWeek: string, subject = 'guardian-1') => {
    const role = subject === pupilId ? 'pupil' : 'parent';
    const grants: Grant[] = [{ role, scope: { kind: 'school', id: S1 } }];
    const answer = await diary.app.inject({
      method: 'GET',
      url: `/pupils/${pupilId}/diary?week=${isoWeek}`,
      headers: { authorization: `Bearer ${await diary.token(grants, subject)}` },
    });
    return answer.json();
  };
  const planned = (answer: { days: { planned: { slot: number; teacherId: string }[] }[] }) =>
    answer.days.map((day) => day.planned.map((lesson) => `${lesson.slot}:${lesson.teacherId}`));

  beforeAll(async () => {
    const label = 'diary planning';
    diary = await diaryTestApp({
      servers: { ...(await requireInfra()) },
      database: await createTestDatabase(label),
      mongoUrl: testMongoUrl(label).url,
      topics: {
        identity: testTopic('planning identity'),
        journal: testTopic('planning journal'),
        diary: testTopic('planning notes'),
      },
      consumers: true,
      clock: () => NOW,
    });
    await diary.publish(diary.topics.identity, IDENTITY);
    await until('the rosters', async () => {
      const { rows } = await diary.app
        .get<Pool>(APP_POOL)
        .query(`SELECT 1 FROM diary_facts.consents WHERE grantor_id = 'guardian-1'`);
      return rows.length === 1;
    });
    // The journal first: a change names the subject of a journal the diary has seen opened.
    await diary.publish(
      diary.topics.journal,
      JOURNAL.filter((event) => event.streamId.startsWith('journal-')),
    );
    await until('the journal', async () => {
      const { rows } = await diary.app
        .get<Pool>(APP_POOL)
        .query(`SELECT 1 FROM diary.lessons WHERE lesson_id = 'l-1'`);
      return rows.length === 1;
    });
    await diary.publish(
      diary.topics.journal,
      JOURNAL.filter((event) => event.streamId.startsWith('planning-')),
    );
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

  it('shows next week’s lessons from the timetable: bells, version in force, changes applied, no holiday, homework due', async () => {
    const next = await until('next week with every change', async () => {
      const answer = await week('pupil-1', '2026-W38');
      return answer.days?.[3]?.planned?.[0]?.teacherId === 't-sub' &&
        answer.days[1].planned.length === 2
        ? answer
        : null;
    });
    expect(planned(next)).toEqual([
      [], // cancelled
      ['1:t-math', '3:t-math'], // the extra lesson
      [], // a holiday
      ['1:t-sub'],
      ['2:t-math'],
      [],
      [],
    ]);
    expect(next.days[1].planned[0]).toEqual({
      journalId: 'j-math',
      subjectId: 'math',
      activityKind: 'lesson',
      slot: 1,
      startsAt: '08:30',
      endsAt: '09:15',
      teacherId: 't-math',
      roomId: 'r-2',
      subgroup: null,
      change: null,
      substituteFor: null,
    });
    expect(next.days[3].planned[0]).toMatchObject({
      substituteFor: 't-math',
      change: { kind: 'substitution', changeId: 'c-2' },
    });
    expect(next.days[0].homeworkDue).toEqual([
      {
        journalId: 'j-math',
        subjectId: 'math',
        lessonId: 'l-1',
        setOn: '2026-09-10',
        text: 'Exercises 1–5',
      },
    ]);
    expect(next.versions[`planning-${S1}-2026`]).toBeGreaterThanOrEqual(6);
  });

  it('shows this week’s held lesson in its slot, planned ones from today on only', async () => {
    const current = await until('this week with the held lesson', async () => {
      const answer = await week('pupil-1', '2026-W37');
      return answer.days?.[3]?.lessons?.length === 1 && answer.days[4].planned.length === 1
        ? answer
        : null;
    });
    // Monday to Wednesday are gone by; today's slot 1 was held.
    expect(planned(current)).toEqual([[], [], [], [], ['2:t-math'], [], []]);
    expect(current.days[3].lessons[0]).toMatchObject({ lessonId: 'l-1', slot: 1 });
  });

  it('tells the pupils and consenting guardians of coming days’ changes once, never of days gone by', async () => {
    await until('12 notifications', async () => received.length >= 12);
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
    // homework_set and four timetable notifications, each to pupil-1, guardian-1 and pupil-2.
    expect(total).toBe(15);
    expect(new Set(received.map((each) => each.notificationId)).size).toBe(15);
    for (const each of received) expect(DiaryNotificationV1.safeParse(each).error).toBeUndefined();
    const byKind = (kind: string) =>
      received
        .filter((each) => each.kind === kind)
        .map((each) => each.recipientId)
        .sort();
    for (const kind of [
      'lesson_cancelled',
      'lesson_substituted',
      'lesson_added',
      'timetable_changed',
    ]) {
      expect([kind, byKind(kind)]).toEqual([kind, ['guardian-1', 'pupil-1', 'pupil-2']]);
    }
    const cancelled = received.filter((each) => each.kind === 'lesson_cancelled');
    expect(cancelled.every((each) => each.source.streamVersion === 4)).toBe(true);
    expect(cancelled[0]?.data).toEqual({
      changeId: 'c-1',
      lesson: {
        journalId: 'j-math',
        subjectId: 'math',
        activityKind: 'lesson',
        date: '2026-09-14',
        slot: 1,
        startsAt: '08:30',
        endsAt: '09:15',
        teacherId: 't-math',
        roomId: 'r-1',
      },
    });
    expect(received.find((each) => each.kind === 'lesson_substituted')?.data).toMatchObject({
      lesson: { teacherId: 't-sub', date: '2026-09-17' },
      substituteFor: 't-math',
    });
    expect(received.find((each) => each.kind === 'timetable_changed')?.data).toEqual({
      groupId: C7A,
      versionId: 'v-2',
      effectiveFrom: '2026-09-14',
      dates: ['2026-09-15'],
    });
    expect(received.every((each) => each.recipientId !== 'guardian-2')).toBe(true);
  });

  it('puts the lessons of a week entering the horizon into every timetabled pupil’s week', async () => {
    const config = diary.app.get<DiaryConfig>(DIARY_CONFIG);
    const pool = diary.app.get<Pool>(APP_POOL);
    const later = new PlanningHorizon(
      config,
      pool,
      () => new Date('2026-09-17T09:00:00Z'),
      diary.app.get(Wakeups),
    );
    expect(await later.advance()).toEqual(['2026-W39']);
    expect(await later.advance()).toEqual([]);
    const after = await until('week 39 planned', async () => {
      const answer = await week('pupil-2', '2026-W39', 'pupil-2');
      return answer.days?.[0]?.planned?.length === 1 ? answer : null;
    });
    expect(planned(after)).toEqual([
      ['1:t-math'],
      ['1:t-math'],
      [],
      ['1:t-math'],
      ['2:t-math'],
      [],
      [],
    ]);
  });
});
