import type { NewEvent } from '@ejournal/contracts';
import type { EventStore } from '@ejournal/event-store';
import { createTestDatabase, requireInfra, testMongoUrl } from '@ejournal/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import { projectIdentityEvent } from '../facts/project-identity-event';
import {
  classOpened,
  pupilEnrolled,
  recorded,
  schoolRegistered,
} from '../facts/testing/identity-events';
import { APP_POOL, EVENT_STORE } from '../infrastructure/tokens';
import { ProjectionWaiter } from '../read-models';
import { JournalEvents } from '../read-models/testing/journal-events';
import { journalTestApp, type JournalTestApp } from '../testing/journal-test-app';

/** Schools A and B, a class in each; pupil-a1 in A's class since September. */
async function projectFacts(pool: Pool) {
  const streams: [string, NewEvent[]][] = [
    ['school-a', [schoolRegistered('school-a'), classOpened('school-a', 'class-a')]],
    ['school-b', [schoolRegistered('school-b'), classOpened('school-b', 'class-b')]],
    ['pupil-a1', [pupilEnrolled('school-a', 'class-a', 'pupil-a1', '2026-09-01')]],
  ];
  for (const [streamId, events] of streams) {
    for (const [index, event] of events.entries()) {
      await projectIdentityEvent(pool, recorded(streamId, index + 1, event));
    }
  }
}

/** Each journal names the head of A as a teacher, even B's (identity never told B about her). */
const withLesson = (journal: JournalEvents, lessonId: string) => [
  journal.opened(),
  journal.teacherAssigned('head-a', '2026-09-01'),
  journal.lessonHeld(lessonId, '2026-09-03', 1, 'Fractions'),
  journal.markRecorded(`mark-of-${lessonId}`, lessonId, 'pupil-a1', '4'),
  journal.attendanceRecorded(lessonId, 'pupil-a1', 'late'),
];

const testStores = async (label: string) => ({
  servers: { ...(await requireInfra()) },
  database: await createTestDatabase(label),
  mongoUrl: testMongoUrl(label).url,
});

describe('journal: every id of a request is of the journal, or of a school the caller holds', () => {
  let keys = 0;
  const journalA = new JournalEvents('journal-a', 'school-a', 'class-a');
  const otherA = new JournalEvents('journal-a-other', 'school-a', 'class-a');
  const journalB = new JournalEvents('journal-b', 'school-b', 'class-b');
  let journal: JournalTestApp;
  let app: NestFastifyApplication;
  let token: string;

  beforeAll(async () => {
    const clock = () => new Date('2026-10-12T09:00:00Z');
    journal = await journalTestApp(await testStores('journal ids of the request'), { clock });
    app = journal.app;
    token = await journal.token(
      [{ role: 'head', scope: { kind: 'school', id: 'school-a' } }],
      'head-a',
    );
    await projectFacts(app.get<Pool>(APP_POOL));
    const store = app.get<EventStore>(EVENT_STORE);
    const waiter = app.get(ProjectionWaiter);
    for (const [journal, lessonId] of [
      [journalA, 'lesson-a'],
      [otherA, 'lesson-other'],
      [journalB, 'lesson-b'],
    ] as const) {
      const { lastVersion } = await store.append(
        journal.streamId,
        0,
        withLesson(journal, lessonId),
      );
      expect(await waiter.caughtUp(journal.streamId, lastVersion)).toBe(true);
    }
  }, 60_000);
  afterAll(() => journal?.close());

  const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const response = await app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(method === 'POST' ? { 'idempotency-key': `ids-of-the-request-${(keys += 1)}` } : {}),
      },
      ...(payload ? { payload } : {}),
    });
    return [response.statusCode, response.json<{ code?: string }>().code];
  };

  describe('opening a journal', () => {
    const body = {
      schoolId: 'school-a',
      academicYear: '2026/2027',
      groupId: 'class-a',
      kind: 'lesson',
      subjectId: 'math',
      scale: 'five_point',
    };

    it('answers a group of another school as an unknown group: 422 JOURNAL.UNKNOWN_GROUP', async () => {
      const foreign = await call('POST', '/journals', { ...body, groupId: 'class-b' });
      expect(foreign).toEqual([422, 'JOURNAL.UNKNOWN_GROUP']);
      expect(await call('POST', '/journals', { ...body, groupId: 'group-unknown' })).toEqual(
        foreign,
      );
    });

    it('answers the id of another school’s journal as taken: 409 JOURNAL.ALREADY_OPENED', async () => {
      expect(await call('POST', '/journals', { ...body, journalId: 'journal-b' })).toEqual([
        409,
        'JOURNAL.ALREADY_OPENED',
      ]);
    });

    it('lets one’s own group and a new or own journal id through to the command', async () => {
      // The school has no calendar yet: the command ran and refused, the guard did not.
      expect(await call('POST', '/journals', { ...body, journalId: 'journal-new' })).toEqual([
        412,
        'JOURNAL.NO_CALENDAR',
      ]);
      expect(await call('POST', '/journals', { ...body, journalId: 'journal-a' })).toEqual([
        409,
        'JOURNAL.ALREADY_OPENED',
      ]);
      // A group whose facts have not arrived: the command answers, so a client can retry.
      expect(await call('POST', '/journals', { ...body, groupId: 'group-unknown' })).toEqual([
        422,
        'JOURNAL.UNKNOWN_GROUP',
      ]);
    });
  });

  it('answers a sheet of another school’s class as of a class the school does not have: 404', async () => {
    const foreign = await call('GET', '/summaries/school-a/2026/class-b');
    expect(foreign).toEqual([404, 'JOURNAL.UNKNOWN_CLASS']);
    expect(await call('GET', '/summaries/school-a/2026/class-unknown')).toEqual(foreign);
    expect(await call('GET', '/summaries/school-b/2026/class-b')).toEqual(foreign);
    expect((await call('GET', '/summaries/school-a/2026/class-a'))[0]).toBe(200);
  });

  it('answers another school’s journal as an unknown one: 404 JOURNAL.NOT_FOUND', async () => {
    const foreign = await call('GET', '/journals/journal-b/grid');
    expect(foreign).toEqual([404, 'JOURNAL.NOT_FOUND']);
    expect(await call('GET', '/journals/journal-unknown/grid')).toEqual(foreign);
    const lesson = { date: '2026-10-05', slot: 2, topic: 'x' };
    expect(await call('POST', '/journals/journal-b/lessons', lesson)).toEqual(foreign);
  });

  it('lists the caller’s journals of the schools she holds a grant in only', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/teachers/me/journals',
      headers: { authorization: `Bearer ${token}` },
    });
    const { journals } = response.json<{ journals: { journalId: string }[] }>();
    expect(journals.map((journal) => journal.journalId)).toEqual(['journal-a', 'journal-a-other']);
  });

  describe('a cell’s history', () => {
    const history = (lessonId: string, pupilId: string) =>
      call('GET', `/journals/journal-a/lessons/${lessonId}/cells/${pupilId}/history`);

    it('answers a cell of the journal', async () => {
      expect(await history('lesson-a', 'pupil-a1')).toEqual([200, undefined]);
    });

    it('answers 404 for another journal’s lesson, of this school or another', async () => {
      expect(await history('lesson-other', 'pupil-a1')).toEqual([404, 'JOURNAL.LESSON_NOT_FOUND']);
      expect(await history('lesson-b', 'pupil-a1')).toEqual([404, 'JOURNAL.LESSON_NOT_FOUND']);
    });

    it('answers 404 for a pupil not on the journal’s roster that day', async () => {
      expect(await history('lesson-a', 'pupil-b1')).toEqual([404, 'JOURNAL.PUPIL_NOT_FOUND']);
    });
  });

  describe('commands naming a lesson, a mark or a cell not of the journal: 404', () => {
    const why = { reason: 'typo', orderRef: 'order-1' };
    const atRevision = { ...why, expectedCellRevision: 0 };
    it.each([
      ['an unknown mark', 'marks/no-such-mark/correction', { ...atRevision, value: '5' }, 'MARK'],
      ['another journal’s mark', 'marks/mark-of-lesson-b/revocation', atRevision, 'MARK'],
      [
        'another journal’s lesson',
        'lessons/lesson-other/edit',
        { ...why, topic: 'x', homework: null },
        'LESSON',
      ],
      ['another school’s lesson', 'lessons/lesson-b/voiding', why, 'LESSON'],
      [
        'another school’s lesson',
        'lessons/lesson-b/entries',
        { entries: [{ pupilId: 'pupil-a1', attendance: 'absent' }] },
        'LESSON',
      ],
      [
        'a pupil with no entry',
        'lessons/lesson-a/attendance/pupil-b1/correction',
        { ...atRevision, to: 'excused' },
        'ATTENDANCE',
      ],
    ])('%s: %s', async (_, path, payload, what) => {
      expect(await call('POST', `/journals/journal-a/${path}`, payload)).toEqual([
        404,
        `JOURNAL.${what}_NOT_FOUND`,
      ]);
    });
  });
});
