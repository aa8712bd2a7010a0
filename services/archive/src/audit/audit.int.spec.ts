import * as testing from '@ejournal/testing';
import { newEventId, type NewEvent } from '@ejournal/contracts';
import type { EventStore } from '@ejournal/event-store';
import {
  Checkpointer,
  LogBuilder,
  logSize,
  verifyCli,
  verifyStreamExport,
} from '@ejournal/integrity';
import { newSigner } from '@ejournal/integrity/testing';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';
import { ARCHIVE_STORE } from '../retention/archive-writes';
import { archiveStores, type ArchiveStores } from '../testing/archive-stores';
import { archiveTestApp, type ArchiveTestApp, type Caller } from '../testing/archive-test-app';

jest.setTimeout(60_000);

const STREAM = 'retention-journal-j-1';
const event = (type: string, data: object, userId: string): NewEvent => ({
  eventId: newEventId(),
  type,
  schemaVersion: 1,
  occurredAt: '2026-11-01T09:00:00.000Z',
  tenant: { regionId: 'region-91', schoolId: 'school-17' },
  actor: { userId, role: 'head', onBehalfOf: null },
  correlationId: 'corr-audit',
  causationId: null,
  traceparent: null,
  data,
});
const region = (role: 'auditor' | 'regional_operator') => [
  { role, scope: { kind: 'region' as const, id: 'region-91' } },
];
const auditor: Caller = { subject: 'auditor-7', grants: region('auditor') };
const operator: Caller = { subject: 'operator-1', grants: region('regional_operator') };

describe('archive: the auditor API over its own store, every read logged', () => {
  let stores: ArchiveStores;
  let archive: ArchiveTestApp;
  let store: EventStore;
  let pool: Pool;
  let dir: string;
  let between: string;

  beforeAll(async () => {
    stores = await archiveStores('archive audit', testing);
    archive = await archiveTestApp({ ...stores.environment, CONSUMERS_ENABLED: 'false' });
    store = archive.app.get(ARCHIVE_STORE);
    pool = archive.app.get(APP_POOL);
    dir = await mkdtemp(path.join(tmpdir(), 'archive-audit-'));
    const hold = { holdId: 'h1', recordId: 'journal-j-1', reason: 'Проверка', orderRef: '77-п' };
    await store.append(STREAM, 'noStream', [event('LegalHoldPlaced', hold, 'head-1')]);
    // As of the first event's instant: the next one is appended once the clock has moved on.
    between = (await store.readStream(STREAM))[0]?.recordedAt as string;
    while (Date.now() <= Date.parse(between)) await new Promise((resolve) => setImmediate(resolve));
    await store.append(STREAM, 1, [
      event(
        'LegalHoldReleased',
        { ...hold, reason: 'Проверка окончена', orderRef: '80-п' },
        'head-2',
      ),
    ]);
    await store.append('retention-journal-j-2', 'noStream', [
      event('LegalHoldPlaced', { ...hold, recordId: 'journal-j-2' }, 'head-1'),
    ]);
    const builder = new LogBuilder(pool);
    for (
      const deadline = Date.now() + 20_000;
      (await logSize(pool)) < 3 && Date.now() < deadline;
    ) {
      await builder.catchUp();
    }
    await new Checkpointer({
      db: pool,
      signer: newSigner(),
      logId: 'ejournal/archive-spec',
    }).checkpoint();
  });

  afterAll(async () => {
    await archive?.close();
    await stores?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers a stream’s history with actor, reason, authority and hashes, and as of an instant', async () => {
    const history = await archive.get(`/audit/streams/${STREAM}/history`, auditor);
    expect(history.status).toBe(200);
    expect(
      history.body.events.map((e: { type: string; actor: { userId: string } }) => [
        e.type,
        e.actor.userId,
      ]),
    ).toEqual([
      ['LegalHoldPlaced', 'head-1'],
      ['LegalHoldReleased', 'head-2'],
    ]);
    expect(history.body.events[1]).toMatchObject({
      streamVersion: 2,
      change: {
        reason: 'Проверка окончена',
        orderRef: '80-п',
        authorisedBy: null,
        policyVersion: null,
      },
      leafIndex: expect.any(String),
      prevHash: history.body.events[0].hash,
    });
    const asOf = await archive.get(`/audit/streams/${STREAM}/history?asOf=${between}`, auditor);
    expect(asOf.body.events.map((e: { type: string }) => e.type)).toEqual(['LegalHoldPlaced']);
    expect(await archive.get('/audit/streams/retention-nothing/history', auditor)).toMatchObject({
      status: 404,
      body: { code: 'AUDIT.STREAM_NOT_FOUND' },
    });
    expect(await archive.get(`/audit/streams/${STREAM}/history`, operator)).toMatchObject({
      status: 403,
      body: { code: 'AUTH.ROLE_REQUIRED' },
    });
  });

  it('exports chosen streams with proofs, checkpoint and keys that verify offline', async () => {
    const answer = await archive.app.inject({
      method: 'GET',
      url: `/audit/export?stream=${STREAM}`,
      headers: { authorization: await archive.authorization(auditor) },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toContain('application/x-ndjson');
    const file = path.join(dir, 'export.ndjson');
    await writeFile(file, answer.body);
    const keys = (await archive.get('/audit/keys', auditor)).body.keys;
    const report = await verifyStreamExport(file, { entries: keys, description: 'keys.json' });
    expect(report).toMatchObject({
      ok: true,
      counts: { events: 2, streams: 1 },
      checkpoint: { treeSize: 3 },
    });
    const inclusion = await archive.get(
      `/audit/proofs/inclusion?eventId=${(await archive.get(`/audit/streams/${STREAM}/history`, auditor)).body.events[0].eventId}`,
      auditor,
    );
    expect(inclusion).toMatchObject({ status: 200, body: { streamId: STREAM, streamVersion: 1 } });
  });

  it('is downloaded over HTTP and verified offline by ejournal-verify fetch', async () => {
    await archive.app.listen(0, '127.0.0.1');
    const url = `${(await archive.app.getUrl()).replace('[::1]', '127.0.0.1')}/audit/export?stream=${STREAM}`;
    const keys = path.join(dir, 'keys.json');
    await writeFile(keys, JSON.stringify((await archive.get('/audit/keys', auditor)).body));
    const token = (await archive.authorization(auditor)).replace('Bearer ', '');
    const out: string[] = [];
    const io = { stdout: (text: string) => out.push(text), stderr: () => undefined };
    const file = path.join(dir, 'fetched.ndjson');
    const args = ['fetch', '--url', url, '--token', token, '--out', file, '--keys', keys];
    expect(await verifyCli(args, io)).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: true, counts: { events: 2 } });
    const forged = path.join(dir, 'forged.ndjson');
    const text = await readFile(file, 'utf8');
    await writeFile(forged, text.replace('"streamVersion":2', '"streamVersion":3'));
    expect(await verifyCli(['--export', forged, '--keys', keys], io)).toBe(1);
  });

  it('logs every auditor read (who, what, when) in an append-only table', async () => {
    const reads = await archive.get('/audit/reads?limit=100', operator);
    expect(reads.status).toBe(200);
    const logged = reads.body.reads.map((r: { subject: string; method: string; url: string }) => [
      r.subject,
      r.url,
    ]);
    expect(logged).toEqual(
      expect.arrayContaining([
        ['auditor-7', `/audit/streams/${STREAM}/history`],
        ['auditor-7', `/audit/export?stream=${STREAM}`],
        ['auditor-7', '/audit/keys'],
      ]),
    );
    expect(logged.some(([subject]: string[]) => subject === 'operator-1')).toBe(false);
    expect(reads.body.reads[0]).toMatchObject({
      role: 'auditor',
      route: '/audit/streams/:streamId/history',
    });
    await expect(
      pool.query('UPDATE audit.auditor_reads SET subject = $1', ['nobody']),
    ).rejects.toThrow(/permission denied/);
    await expect(pool.query('DELETE FROM audit.auditor_reads')).rejects.toThrow(
      /permission denied/,
    );
  });
});
