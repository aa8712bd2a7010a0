import * as testing from '@ejournal/testing';
import type { IntegrityCheckpoint } from '@ejournal/contracts';
import {
  listSigningKeys,
  logRoot,
  logSize,
  logVerifierKey,
  signCheckpoint,
  verifyCli,
} from '@ejournal/integrity';
import {
  buildWholeLog,
  goNoteVerify,
  integrityFixture,
  markRecorded,
  newSigner,
  registerLog,
  testWitnesses,
  untilReadable,
  type IntegrityFixture,
  type TestWitness,
} from '@ejournal/integrity/testing';
import { KafkaCheckpointPublisher, startIntegrityRunner } from '@ejournal/integrity-runner';
import { listenToCheckpoints, type CheckpointListener } from '@ejournal/integrity-runner/testing';
import { createKafkajsBus, type Publisher } from '@ejournal/messaging';
import { createTestDatabase } from '@ejournal/testing';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { archiveStores, type ArchiveStores } from '../testing/archive-stores';
import { archiveTestApp, type ArchiveTestApp } from '../testing/archive-test-app';
import type { CheckpointKeys } from './checkpoint-keys.query';
import type { IntegrityStatus } from './integrity-status.query';

jest.setTimeout(90_000);

const AUDITOR = [{ role: 'auditor' as const, scope: { kind: 'region' as const, id: 'region-91' } }];

/** What the auditor's CLI prints and returns. */
async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await verifyCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

describe('archive: checkpoints cosigned by two real witnesses; a rewrite they refuse raises the alarm', () => {
  let stores: ArchiveStores;
  let archive: ArchiveTestApp;
  let source: IntegrityFixture;
  let publisher: Publisher;
  let listener: CheckpointListener;
  let witnesses: TestWitness[];
  let topic: string;
  const signer = newSigner('journal-2027');
  let logId: string;

  const status = async (): Promise<IntegrityStatus> =>
    (await archive.get('/integrity/status', AUDITOR)).body;
  const untilStatus = async (check: (s: IntegrityStatus) => boolean) => {
    const deadline = Date.now() + 30_000;
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
      logId,
      signer,
      publisher: new KafkaCheckpointPublisher({
        pool: source.pool,
        publisher,
        topic,
        service: 'journal',
        witnessQuorum: 2,
      }),
      witnesses,
      buildIntervalMs: 50,
      checkpointIntervalMs: 200,
      onError: () => undefined,
    });
  const cosignedBoth = (c: IntegrityCheckpoint) => c.witnesses?.cosignedBy.length === 2;

  beforeAll(async () => {
    witnesses = testWitnesses();
    stores = await archiveStores('archive witnesses', testing);
    topic = stores.environment['INTEGRITY_CHECKPOINTS_TOPIC'] as string;
    source = await integrityFixture(await createTestDatabase('archive witnessed source'));
    logId = `ejournal.test/${source.name}`;
    await registerLog(witnesses, logId, logVerifierKey(logId, signer.publicKey));
    archive = await archiveTestApp(stores.environment);
    const brokers = (stores.environment['KAFKA_BROKERS'] as string).split(',');
    publisher = await createKafkajsBus({ brokers, clientId: 'spec' }).publisher();
    listener = await listenToCheckpoints(brokers, topic);
  });

  afterAll(async () => {
    await listener?.stop();
    await archive?.close();
    await publisher?.close();
    await source?.drop();
    await stores?.drop();
  });

  it('marks → cosigned checkpoints → offline verification with public keys only → rewrite refused, alarm, range narrowed', async () => {
    const keysFile = path.join(source.dir, 'keys.json');
    const witnessKeysFile = path.join(source.dir, 'witnesses.txt');
    const checkpointsFile = path.join(source.dir, 'witnessed.ndjson');
    const witnessKeys = witnesses.map((w) => w.key.text);
    let runner = runSource();
    try {
      await source.store.append('journal-a', 'noStream', [markRecorded(), markRecorded()]);
      await untilReadable(source, 2);
      await listener.until((c) => c.treeSize === 2 && cosignedBoth(c), 30_000);
      await source.store.append(
        'journal-b',
        'noStream',
        [1, 2, 3, 4].map(() => markRecorded()),
      );
      await listener.until((c) => c.treeSize === 6 && cosignedBoth(c), 30_000);
      await source.store.append('journal-a', 2, [markRecorded(), markRecorded()]);
      await listener.until((c) => c.treeSize === 8 && cosignedBoth(c), 30_000);
    } finally {
      await runner.stop();
    }
    const kept = await untilStatus((s) => s.logs.some((log) => log.treeSize === 8));
    expect(kept).toMatchObject({ status: 'ok', problems: [] });

    // What an auditor keeps: the log's key, the witnesses' keys, the witnessed checkpoints.
    const witnessed = new Map(
      listener.received.filter(cosignedBoth).map((c) => [c.checkpointId, c]),
    );
    const last = witnessed.get([...witnessed.keys()].at(-1) as string) as IntegrityCheckpoint;
    console.log(`published checkpoint note (${last.logVerifierKey}):\n${last.note}`);
    const wellKnown = await archive.get('/.well-known/ejournal/checkpoint-keys', []);
    expect(wellKnown.status).toBe(200);
    expect((wellKnown.body as CheckpointKeys).keys).toEqual([
      expect.objectContaining({ logId, keyId: 'journal-2027', verifierKey: last.logVerifierKey }),
    ]);
    expect(
      await goNoteVerify(last.note as string, last.logVerifierKey as string, witnessKeys, 2),
    ).toMatchObject({
      origin: logId,
      size: 8,
      verifiedBy: [logId, ...witnesses.map((w) => w.key.name)],
    });
    const [logKey] = await listSigningKeys(source.pool);
    await writeFile(keysFile, JSON.stringify({ keys: [logKey] }));
    await writeFile(witnessKeysFile, `${witnessKeys.join('\n')}\n`);
    await writeFile(
      checkpointsFile,
      [...witnessed.values()]
        .map(({ checkpointId, logId: id, treeSize, rootHash, signedAt, keyId, signature, note }) =>
          JSON.stringify({
            checkpointId,
            logId: id,
            treeSize,
            rootHash,
            signedAt,
            keyId,
            signature,
            note,
          }),
        )
        .join('\n'),
    );
    const exported = path.join(source.dir, 'store-1.ndjson');
    expect((await cli('export', '--database-url', source.appUrl, '--out', exported)).code).toBe(0);
    const audit = (file: string) =>
      cli(
        '--export',
        file,
        '--keys',
        keysFile,
        '--checkpoints',
        checkpointsFile,
        '--witness-keys',
        witnessKeysFile,
        '--quorum',
        '2',
      );
    const clean = await audit(exported);
    console.log(`offline verification before the rewrite:\n${clean.stderr}`);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).witnesses.witnesses).toEqual(
      witnesses.map((w) => ({
        witness: w.key.name,
        treeSizes: expect.arrayContaining([2, 6, 8]),
        latestTreeSize: 8,
      })),
    );

    // The superuser rewrites journal-b@2 (leaf 3), its chain, the whole Merkle log, and signs
    // a checkpoint of the forged log with the log's own key.
    await source.tamper(
      `UPDATE event_store.events SET canonical = convert_to(replace(convert_from(canonical,
         'UTF8'), '"value":"5"', '"value":"2"'), 'UTF8')
       WHERE stream_id = 'journal-b' AND stream_version = 2`,
      `DO $$ DECLARE e record; prev bytea := (SELECT hash FROM event_store.events
         WHERE stream_id = 'journal-b' AND stream_version = 1);
       BEGIN FOR e IN SELECT global_position, canonical FROM event_store.events
         WHERE stream_id = 'journal-b' AND stream_version >= 2 ORDER BY stream_version LOOP
         UPDATE event_store.events SET prev_hash = prev, hash = sha256(prev || e.canonical)
         WHERE global_position = e.global_position RETURNING hash INTO prev; END LOOP; END $$`,
      'DELETE FROM event_store.merkle_leaves',
      'DELETE FROM event_store.merkle_nodes',
    );
    await source.store.append('journal-c', 'noStream', [markRecorded()]);
    await untilReadable(source, 9);
    expect(await buildWholeLog(source)).toBe(9);
    const size = await logSize(source.pool);
    const forged = signCheckpoint(
      {
        logId,
        treeSize: size,
        rootHash: (await logRoot(source.pool, size)).toString('hex'),
        signedAt: new Date().toISOString(),
        keyId: signer.keyId,
      },
      signer.privateKey,
    );
    await source.admin.query(
      `INSERT INTO event_store.checkpoints (log_id, tree_size, root_hash, signed_at, key_id,
         signature) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        logId,
        size,
        Buffer.from(forged.rootHash, 'hex'),
        forged.signedAt,
        forged.keyId,
        Buffer.from(forged.signature, 'base64'),
      ],
    );
    // The restarted service offers its latest checkpoints to the witnesses again.
    runner = runSource();
    try {
      const refused = await listener.until((c) => (c.witnesses?.refusals.length ?? 0) > 0, 30_000);
      console.log('witness refusal', JSON.stringify(refused.witnesses));
      expect(refused).toMatchObject({ treeSize: 9, witnesses: { cosignedBy: [] } });
      expect(refused.witnesses?.refusals).toEqual(
        witnesses.map((w) => expect.objectContaining({ witness: w.key.name, status: 422 })),
      );
      const alarm = await untilStatus((s) => s.status === 'alarm');
      console.log('integrity alarm', JSON.stringify(alarm.problems[0]));
      expect(alarm.problems).toEqual([
        expect.objectContaining({ code: 'INTEGRITY.WITNESS_REFUSED', logId }),
      ]);
    } finally {
      await runner.stop();
    }

    const rewritten = path.join(source.dir, 'store-2.ndjson');
    expect((await cli('export', '--database-url', source.appUrl, '--out', rewritten)).code).toBe(0);
    const caught = await audit(rewritten);
    console.log(`offline verification after the rewrite:\n${caught.stderr}`);
    expect(caught.code).toBe(1);
    const report = JSON.parse(caught.stdout);
    const published = report.problems.filter(
      (p: { checkpoint?: { source: string } }) => p.checkpoint?.source === 'published',
    );
    // Witnessed at 2 leaves still matches; at 6 no longer: the change is in leaves 2 to 5.
    expect(report.witnesses.store).toEqual({
      matches: false,
      lastMatchingTreeSize: 2,
      firstMismatchingTreeSize: 6,
    });
    expect(published[0]).toMatchObject({
      code: 'INTEGRITY.ROOT_MISMATCH',
      leafRange: { from: 2, to: 6 },
      checkpoint: { treeSize: 6, source: 'published' },
    });
  });
});
