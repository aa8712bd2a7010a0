import type { RecordedEvent, RecordedIdentityEvent } from '@ejournal/contracts';
import { createTestDatabase, requireInfra, testMongoUrl, testTopic } from '@ejournal/testing';
import { Client, type Pool } from 'pg';
import { projectIdentityEvent } from '../facts/project-identity-event';
import { APP_POOL } from '../infrastructure/tokens';
import { diaryTestApp, streams, type DiaryTestApp } from '../testing/diary-test-app';
import { consentGiven, guardianLinked } from '../testing/identity-facts';
import { until } from '../testing/until';
import { JournalProjector } from './journal-projector';

jest.setTimeout(60_000);

const REGION = 'region-91';
const S1 = 'school-1';
const PUPILS = ['pupil-1', 'pupil-2'];

const IDENTITY = streams(REGION, [
  [
    `school-${S1}`,
    S1,
    [
      [
        'SchoolRegistered',
        { schoolId: S1, regionId: REGION, municipalityId: 'm-1', timeZone: 'Europe/Moscow' },
      ],
      [
        'ClassOpened',
        { classId: 'class-7a', schoolId: S1, academicYear: '2026/2027', grade: 7, letter: 'А' },
      ],
    ],
  ],
  ...PUPILS.map(
    (pupilId) =>
      [
        `enrolment-${pupilId}`,
        S1,
        [['PupilEnrolled', { pupilId, schoolId: S1, classId: 'class-7a', onDate: '2026-09-01' }]],
      ] as [string, string, [string, object][]],
  ),
  ['guardianship-pupil-1', S1, [guardianLinked('pupil-1', 'guardian-1', 'mother')]],
  ['consent-guardian-1', S1, [consentGiven('consent-1', 'guardian-1', 'pupil-1')]],
]);

/** A journal with a lesson and `marks` marks, alternating between the two pupils. */
const journal = (journalId: string, marks: number): [string, string, [string, object][]] => [
  `journal-${journalId}`,
  S1,
  [
    [
      'JournalOpened',
      {
        journalId,
        schoolId: S1,
        academicYear: '2026/2027',
        groupId: 'class-7a',
        kind: 'lesson',
        subjectId: 'math',
        scale: 'five_point',
      },
    ],
    [
      'LessonHeld',
      {
        lessonId: `${journalId}-l`,
        date: '2026-09-08',
        slot: 1,
        topic: 'Fractions',
        homework: null,
      },
    ],
    ...Array.from(
      { length: marks },
      (_, n) =>
        [
          'MarkRecorded',
          {
            markId: `${journalId}-m${n}`,
            lessonId: `${journalId}-l`,
            pupilId: PUPILS[n % 2],
            value: '4',
            workType: 'classwork',
            weight: 1,
          },
        ] as [string, object],
    ),
  ],
];

// Per journal 6 marks: 3 of pupil-1 (the pupil and the consenting guardian told) and 3 of
// pupil-2 (the pupil alone), 9 notifications.
const RUN = streams(REGION, [journal('j-a', 6), journal('j-b', 6)]);
const PER_JOURNAL = 3 * 2 + 3;

describe('a run of journal events in one transaction', () => {
  let diary: DiaryTestApp;
  let adminUrl: string;
  let pool: Pool;
  let projector: JournalProjector;

  const counts = async () => {
    const { rows } = await pool.query<{ notifications: number; distinct: number; marks: number }>(
      `SELECT (SELECT count(*)::int FROM diary.notifications) AS notifications,
         (SELECT count(DISTINCT (message->'source'->>'eventId', recipient_id))::int
          FROM diary.notifications) AS distinct,
         (SELECT count(*)::int FROM diary.marks) AS marks`,
    );
    return rows[0];
  };

  beforeAll(async () => {
    const label = 'diary journal run';
    const database = await createTestDatabase(label);
    adminUrl = database.url;
    diary = await diaryTestApp({
      servers: { ...(await requireInfra()) },
      database,
      mongoUrl: testMongoUrl(label).url,
      topics: { identity: testTopic('r i'), journal: testTopic('r j'), diary: testTopic('r d') },
      consumers: false,
    });
    pool = diary.app.get<Pool>(APP_POOL);
    projector = diary.app.get(JournalProjector);
    for (const event of IDENTITY) await projectIdentityEvent(pool, event as RecordedIdentityEvent);
  });

  afterAll(async () => {
    await diary?.close();
  });

  it('applies nothing when its database session dies mid-run, and everything once when the run comes again', async () => {
    // Another session holds a stale-document row the run marks last: the run writes every
    // event's rows and versions in its transaction, then waits there, where its session dies.
    const holder = new Client({ connectionString: adminUrl });
    const watcher = new Client({ connectionString: adminUrl });
    await Promise.all([holder.connect(), watcher.connect()]);
    await holder.query('BEGIN');
    await holder.query(
      `INSERT INTO diary.stale_documents (document_id) VALUES ('week|pupil-1|2026-W37')
       ON CONFLICT (document_id) DO UPDATE SET generation = diary.stale_documents.generation`,
    );
    const crashed = projector.applyRun(RUN).then(
      () => 'committed',
      (error: Error) => error.message,
    );
    // Not from the holder: inside a transaction, pg_stat_activity answers one snapshot.
    const pid = await until('the run waiting at its end', async () => {
      const { rows } = await watcher.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database()
           AND wait_event_type = 'Lock' AND query LIKE '%stale_documents%'`,
      );
      return rows[0]?.pid;
    });
    const { rows: writes } = await watcher.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks
       WHERE pid = $1 AND locktype = 'relation' AND mode = 'RowExclusiveLock'
         AND relation IN ('diary.marks'::regclass, 'diary.applied_versions'::regclass)`,
      [pid],
    );
    expect(writes[0]?.n).toBe(2);
    await watcher.query('SELECT pg_terminate_backend($1)', [pid]);
    expect(await crashed).toMatch(/terminat/i);
    await holder.query('ROLLBACK');
    await Promise.all([holder.end(), watcher.end()]);
    expect(await counts()).toEqual({ notifications: 0, distinct: 0, marks: 0 });

    // The first half commits (a crash after the commit, before the offsets), then all again.
    const half = RUN.slice(0, RUN.length / 2);
    expect(await projector.applyRun(half)).toEqual({ notifications: PER_JOURNAL, applied: 8 });
    expect(await projector.applyRun(RUN)).toEqual({ notifications: PER_JOURNAL, applied: 8 });
    expect(await counts()).toEqual({
      notifications: 2 * PER_JOURNAL,
      distinct: 2 * PER_JOURNAL,
      marks: 12,
    });

    // Redelivered whole: every event a duplicate, nothing added.
    expect(await projector.applyRun(RUN)).toEqual({ notifications: 0, applied: 0 });
    expect(await counts()).toEqual({
      notifications: 2 * PER_JOURNAL,
      distinct: 2 * PER_JOURNAL,
      marks: 12,
    });
  });

  it('refuses a run with a gap whole, applying none of it', async () => {
    const [opened, held, ...marks] = streams(REGION, [journal('j-c', 2)]) as RecordedEvent[];
    await expect(projector.applyRun([opened, held, marks[1]] as RecordedEvent[])).rejects.toThrow(
      /version 4 cannot be applied yet/,
    );
    const { rows } = await pool.query("SELECT 1 FROM diary.journals WHERE journal_id = 'j-c'");
    expect(rows).toEqual([]);
  });
});
