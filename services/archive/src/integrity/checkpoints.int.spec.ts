import * as testing from '@ejournal/testing';
import { logRoot } from '@ejournal/integrity';
import {
  integrityFixture,
  markRecorded,
  newSigner,
  untilReadable,
  type IntegrityFixture,
} from '@ejournal/integrity/testing';
import { KafkaCheckpointPublisher, startIntegrityRunner } from '@ejournal/integrity-runner';
import { createKafkajsBus, type Publisher } from '@ejournal/messaging';
import { createTestDatabase } from '@ejournal/testing';
import { Client } from 'pg';
import { archiveStores, type ArchiveStores } from '../testing/archive-stores';
import { archiveTestApp, type ArchiveTestApp } from '../testing/archive-test-app';
import type { IntegrityStatus } from './integrity-status.query';

jest.setTimeout(60_000);

const AUDITOR = [{ role: 'auditor' as const, scope: { kind: 'region' as const, id: 'region-91' } }];

describe('archive: keeps every store’s checkpoints and raises the alarm on an inconsistent one', () => {
  let stores: ArchiveStores;
  let archive: ArchiveTestApp;
  let source: IntegrityFixture;
  let publisher: Publisher;
  const signer = newSigner('journal-2026');

  const status = async (): Promise<IntegrityStatus> => {
    const answer = await archive.get('/integrity/status', AUDITOR);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const untilStatus = async (check: (s: IntegrityStatus) => boolean) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const current = await status();
      if (check(current)) return current;
      if (Date.now() > deadline)
        throw new Error(`status never matched: ${JSON.stringify(current)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const runSource = () =>
    startIntegrityRunner({
      pool: source.pool,
      connectionString: source.appUrl,
      name: 'journal',
      logId: 'ejournal/journal-test',
      signer,
      publisher: new KafkaCheckpointPublisher({
        pool: source.pool,
        publisher,
        topic: stores.environment['INTEGRITY_CHECKPOINTS_TOPIC'] as string,
        service: 'journal',
      }),
      buildIntervalMs: 50,
      checkpointIntervalMs: 200,
      onError: () => undefined,
    });

  beforeAll(async () => {
    stores = await archiveStores('archive checkpoints', testing);
    source = await integrityFixture(await createTestDatabase('archive checkpoint source'));
    archive = await archiveTestApp(stores.environment);
    const brokers = (stores.environment['KAFKA_BROKERS'] as string).split(',');
    publisher = await createKafkajsBus({ brokers, clientId: 'spec' }).publisher();
  });

  afterAll(async () => {
    await archive?.close();
    await publisher?.close();
    await source?.drop();
    await stores?.drop();
  });

  it('refuses anyone but regional roles', async () => {
    const head = [{ role: 'head' as const, scope: { kind: 'school' as const, id: 'school-1' } }];
    const answer = await archive.get('/integrity/status', head);
    expect(answer).toMatchObject({ status: 403, body: { code: 'AUTH.ROLE_REQUIRED' } });
  });

  it('keeps a log’s first checkpoint, proves each next one against its own copy, then alarms on a rewritten log', async () => {
    let runner = runSource();
    try {
      await source.store.append('journal-a', 'noStream', [markRecorded(), markRecorded()]);
      await untilReadable(source, 2);
      const first = await untilStatus((s) => s.logs.some((log) => log.treeSize === 2));
      expect(first.logs).toEqual([
        expect.objectContaining({
          logId: 'ejournal/journal-test',
          service: 'journal',
          verdict: 'first',
        }),
      ]);
      await source.store.append('journal-a', 2, [markRecorded(), markRecorded()]);
      const second = await untilStatus((s) => s.logs.some((log) => log.treeSize === 4));
      expect(second).toMatchObject({ status: 'ok', problems: [] });
      expect(second.logs[0]?.verdict).toBe('consistent');
    } finally {
      await runner.stop();
    }

    // A superuser rewrites an event's leaf and re-roots every stored checkpoint to match, so
    // the store itself looks consistent and a fresh checkpointer signs on top of it.
    await source.tamper(
      `UPDATE event_store.merkle_leaves SET event_hash = sha256('forged') WHERE leaf_index = 1`,
    );
    const admin = new Client({ connectionString: source.adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        'SELECT checkpoint_id, tree_size::int AS size FROM event_store.checkpoints',
      );
      for (const row of rows) {
        const root = await logRoot(source.pool, row.size);
        await source.tamper(
          `UPDATE event_store.checkpoints SET root_hash = '\\x${root.toString('hex')}'
           WHERE checkpoint_id = ${Number(row.checkpoint_id)}`,
        );
      }
    } finally {
      await admin.end();
    }
    runner = runSource();
    try {
      await source.store.append('journal-a', 4, [markRecorded()]);
      const alarm = await untilStatus((s) => s.status === 'alarm');
      console.log('integrity alarm', JSON.stringify(alarm.problems[0]));
      expect(alarm.problems).toEqual([
        expect.objectContaining({
          code: 'INTEGRITY.CONSISTENCY_FAILED',
          logId: 'ejournal/journal-test',
          type: 'urn:ejournal:problem:INTEGRITY.CONSISTENCY_FAILED',
        }),
      ]);
      // The failed checkpoint is kept as evidence; the last good one stays the reference.
      expect(alarm.logs[0]).toMatchObject({ treeSize: 5, verdict: 'failed' });
    } finally {
      await runner.stop();
    }
  });
});
