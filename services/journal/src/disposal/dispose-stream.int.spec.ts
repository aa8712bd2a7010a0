import { newEventId, type NewEvent } from '@ejournal/contracts';
import type { EventStore } from '@ejournal/event-store';
import { IntegrityService } from '@ejournal/integrity';
import { buildWholeLog, newSigner } from '@ejournal/integrity/testing';
import { Checkpointer } from '@ejournal/integrity';
import { createTestDatabase, requireInfra, testMongoUrl } from '@ejournal/testing';
import type { Grant } from '@ejournal/auth';
import { Client, escapeIdentifier, type Pool } from 'pg';
import { APP_POOL, EVENT_STORE } from '../infrastructure/tokens';
import { journalTestApp, type JournalTestApp } from '../testing/journal-test-app';
import { disposerRole } from './disposer-login';

jest.setTimeout(60_000);

const tenant = { regionId: 'region-91', schoolId: 'school-17' };
const event = (type: string, data: object): NewEvent => ({
  eventId: newEventId(),
  type,
  schemaVersion: 1,
  occurredAt: '2026-09-01T06:15:00.000Z',
  tenant,
  actor: { userId: 'user-head', role: 'head', onBehalfOf: null },
  correlationId: 'corr-1',
  causationId: null,
  traceparent: null,
  data,
});
const opened = (journalId: string) =>
  event('JournalOpened', {
    journalId,
    schoolId: 'school-17',
    academicYear: '2026/2027',
    groupId: 'class-7b',
    kind: 'lesson',
    subjectId: 'subject-math',
    scale: 'five_point',
  });
const lesson = (lessonId: string) =>
  event('LessonHeld', { lessonId, date: '2026-09-01', slot: 1, topic: 'Дроби', homework: null });
const archive = [{ role: 'service' as const, scope: { kind: 'region' as const, id: 'region-91' } }];

describe('journal: disposal acts of the archive executed on its store', () => {
  let journal: JournalTestApp;
  let store: EventStore;
  let pool: Pool;
  let admin: Client;
  let databaseName: string;
  let adminUrl: string;

  const dispose = async (body: object, subject = 'service:archive', grants: Grant[] = archive) => {
    const authorization = `Bearer ${await journal.token(grants, subject)}`;
    const { streamId, ...rest } = body as { streamId: string };
    const answer = await journal.app.inject({
      method: 'PUT',
      url: `/disposals/${streamId}`,
      headers: { authorization, 'content-type': 'application/json' },
      payload: JSON.stringify(rest),
    });
    return { status: answer.statusCode, body: answer.json() };
  };

  beforeAll(async () => {
    const servers = await requireInfra();
    const database = await createTestDatabase('journal disposal');
    databaseName = database.name;
    adminUrl = database.url;
    journal = await journalTestApp({
      servers,
      database,
      mongoUrl: testMongoUrl('journal disposal').url,
    });
    store = journal.app.get(EVENT_STORE);
    pool = journal.app.get(APP_POOL);
    admin = new Client({ connectionString: database.url });
    await admin.connect();
    await store.append('journal-old', 'noStream', [opened('old'), lesson('l1'), lesson('l2')]);
    await store.append('journal-kept', 'noStream', [opened('kept'), lesson('l3')]);
  });

  afterAll(async () => {
    const maintenance = new URL(adminUrl);
    maintenance.pathname = '/postgres';
    await admin?.end();
    await journal?.close();
    const cleaner = new Client({ connectionString: maintenance.toString() });
    await cleaner.connect();
    await cleaner.query(`DROP ROLE IF EXISTS ${escapeIdentifier(disposerRole(databaseName))}`);
    await cleaner.end();
  });

  it('refuses callers other than the archive’s service account', async () => {
    const head = [{ role: 'head' as const, scope: { kind: 'school' as const, id: 'school-17' } }];
    const body = { streamId: 'journal-old', actReference: 'act-1', disposedBy: 'officer-1' };
    expect(await dispose(body, 'person-1', head)).toMatchObject({
      status: 403,
      body: { code: 'AUTH.ROLE_REQUIRED' },
    });
    expect(await dispose(body, 'service:diary')).toMatchObject({
      status: 403,
      body: { code: 'JOURNAL.NOT_A_DISPOSAL_CALLER' },
    });
    expect(await dispose({ ...body, streamId: 'identity-x' })).toMatchObject({
      status: 400,
      body: { code: 'JOURNAL.INVALID_REQUEST' },
    });
    expect(await dispose({ ...body, streamId: 'journal-never' })).toMatchObject({
      status: 404,
      body: { code: 'JOURNAL.STREAM_NOT_FOUND' },
    });
    expect((await store.readStream('journal-old')).length).toBe(3);
  });

  it('disposes as its disposal login, keeps the hashes, and answers a repeat with the same tombstone', async () => {
    const hashes = (await store.readStream('journal-old')).map((e) => e.hash);
    const body = { streamId: 'journal-old', actReference: 'act-1', disposedBy: 'officer-1' };
    const first = await dispose(body);
    expect(first).toMatchObject({
      status: 200,
      body: {
        repeated: false,
        tombstone: {
          streamId: 'journal-old',
          actReference: 'act-1',
          disposedBy: 'officer-1',
          executedBy: disposerRole(databaseName),
          eventCount: 3,
          lastVersion: 3,
          lastHash: (hashes[2] as string).toString(),
        },
      },
    });
    const again = await dispose(body);
    expect(again).toMatchObject({
      status: 200,
      body: { repeated: true, tombstone: first.body.tombstone },
    });
    expect(await dispose({ ...body, actReference: 'act-2' })).toMatchObject({
      status: 409,
      body: { code: 'JOURNAL.STREAM_ALREADY_DISPOSED' },
    });
    const rows = await admin.query(
      'SELECT canonical, hash FROM event_store.events WHERE stream_id = $1 ORDER BY stream_version',
      ['journal-old'],
    );
    expect(rows.rows.map((row) => row.canonical)).toEqual([null, null, null]);
    expect(rows.rows.map((row) => row.hash.toString('hex'))).toEqual(hashes);
    expect(await store.readStream('journal-kept')).toHaveLength(2);
    await expect(store.append('journal-old', 3, [lesson('l9')])).rejects.toMatchObject({
      code: 'EVENT_STORE.STREAM_DISPOSED',
    });
  });

  it('leaves a store that still verifies, the disposed stream listed with its act', async () => {
    await buildWholeLog({ pool, admin });
    const signer = newSigner();
    await new Checkpointer({ db: pool, signer, logId: databaseName }).checkpoint();
    const report = await new IntegrityService(pool).verify();
    expect(report).toMatchObject({ ok: true, firstProblem: null });
    expect(report.disposedStreams).toEqual([
      expect.objectContaining({ streamId: 'journal-old', status: 'disposed (act act-1)' }),
    ]);
  });

  it('shows an auditor the disposed stream by its hashes and tombstone, and logs the read', async () => {
    const auditor = [
      { role: 'auditor' as const, scope: { kind: 'region' as const, id: 'region-91' } },
    ];
    const authorization = `Bearer ${await journal.token(auditor, 'auditor-7')}`;
    const answer = await journal.app.inject({
      method: 'GET',
      url: '/audit/streams/journal-old/history',
      headers: { authorization },
    });
    expect(answer.statusCode).toBe(200);
    const history = answer.json();
    expect(history.disposal).toMatchObject({ actReference: 'act-1', eventCount: 3 });
    expect(
      history.events.map((e: { data: unknown; hash: string }) => [e.data, e.hash.length]),
    ).toEqual([
      [null, 64],
      [null, 64],
      [null, 64],
    ]);
    const kept = await journal.app.inject({
      method: 'GET',
      url: '/audit/streams/journal-kept/history',
      headers: { authorization },
    });
    expect(kept.json().events[1]).toMatchObject({ type: 'LessonHeld', data: { topic: 'Дроби' } });
    const reads = await admin.query(
      'SELECT subject, role, url FROM audit.auditor_reads ORDER BY read_id',
    );
    expect(reads.rows).toEqual([
      { subject: 'auditor-7', role: 'auditor', url: '/audit/streams/journal-old/history' },
      { subject: 'auditor-7', role: 'auditor', url: '/audit/streams/journal-kept/history' },
    ]);
  });
});
