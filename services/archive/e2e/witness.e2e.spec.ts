import type { IntegrityCheckpoint } from '@ejournal/contracts';
import {
  listSigningKeys,
  LogBuilder,
  logRoot,
  logSize,
  logVerifierKey,
  signCheckpoint,
  verifyCli,
} from '@ejournal/integrity';
import {
  alterPayload,
  goNoteVerify,
  newSigner,
  rechain,
  registerLog,
  testWitnesses,
} from '@ejournal/integrity/testing';
import { listenToCheckpoints, type CheckpointListener } from '@ejournal/integrity-runner/testing';
import {
  createTestDatabase,
  dropMongo,
  dropRoles,
  eventually,
  expectStatus,
  httpClient,
  registerSchool,
  rosterFile,
  SCHOOL_17,
  signInEveryone,
  signInOperator,
  startBuiltService,
  testMongoUrl,
  testReadStorePostgresUrl,
  testTopic,
  uniqueTestName,
  yearAroundToday,
  type RunningService,
} from '@ejournal/testing';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Pool } from 'pg';

const run = promisify(execFile);
const BOOTSTRAP = 'E2E0-WITN-ESS0';
const label = 'witness e2e';
const year = yearAroundToday();

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await verifyCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/**
 * Identity, journal and archive as built processes. The journal signs its store's checkpoints
 * and sends each to the two litewitness servers of the local infrastructure before it
 * publishes them; the archive keeps them and raises the alarm.
 */
describe('witnessed checkpoints end to end', () => {
  const witnesses = testWitnesses();
  const signer = newSigner('journal-e2e');
  const topics = {
    identity: testTopic(`${label} identity`),
    journal: testTopic(`${label} journal`),
    checkpoints: testTopic(`${label} checkpoints`),
  };
  const mongo = testMongoUrl(label);
  const started: RunningService[] = [];
  const cleanup: (() => Promise<unknown>)[] = [];
  let dir = '';
  let journalDb: { name: string; url: string };
  let journalEnv: Record<string, string>;
  let listener: CheckpointListener;
  let operator = '';
  let logId = '';
  let archive: ReturnType<typeof httpClient>;
  let journalService: RunningService;

  const start = async (name: string, env: Record<string, string>) => {
    const service = await startBuiltService(name, env, 60_000);
    started.push(service);
    return service;
  };
  const cosignedBoth = (c: IntegrityCheckpoint) => c.witnesses?.cosignedBy.length === 2;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'witness-e2e-'));
    const [identityDb, journal, archiveDb] = await Promise.all([
      createTestDatabase(`${label} identity`),
      createTestDatabase(`${label} journal`),
      createTestDatabase(`${label} archive`),
    ]);
    journalDb = journal;
    cleanup.push(async () => {
      await Promise.all([identityDb.drop(), journal.drop(), archiveDb.drop()]);
      await dropRoles([identityDb.name, journal.name, archiveDb.name]);
      await dropMongo(mongo.url);
      await rm(dir, { recursive: true, force: true });
    });
    logId = `ejournal.test/${journal.name}`;
    await registerLog(witnesses, logId, logVerifierKey(logId, signer.publicKey));
    listener = await listenToCheckpoints(
      (process.env['KAFKA_BROKERS'] ?? '').split(','),
      topics.checkpoints,
    );

    const identity = await start('identity', {
      DATABASE_URL: identityDb.url,
      KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '',
      IDENTITY_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      BOOTSTRAP_OPERATOR_CODE: BOOTSTRAP,
      IDENTITY_EVENTS_TOPIC: topics.identity,
      IDENTITY_TOPIC_PARTITIONS: '1',
      INTEGRITY_CHECKPOINTS_TOPIC: testTopic(`${label} identity checkpoints`),
      KEY_ACTIVATION_DELAY_SECONDS: '0',
      SIGN_IN_PER_IP_PER_MINUTE: '10000',
    });
    journalEnv = {
      DATABASE_URL: journal.url,
      KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '',
      MONGO_URL: mongo.url,
      READ_STORE_POSTGRES_URL: testReadStorePostgresUrl(),
      AUTH_JWKS_URL: `${identity.baseUrl}/.well-known/jwks.json`,
      IDENTITY_EVENTS_TOPIC: topics.identity,
      IDENTITY_CONSUMER_GROUP: `${topics.identity}.journal`,
      JOURNAL_EVENTS_TOPIC: topics.journal,
      JOURNAL_TOPIC_PARTITIONS: '1',
      INTEGRITY_CHECKPOINTS_TOPIC: topics.checkpoints,
      EJOURNAL_LOG_ID: logId,
      EJOURNAL_CHECKPOINT_SIGNING_KEY: signer.privateKey
        .export({ format: 'pem', type: 'pkcs8' })
        .toString(),
      EJOURNAL_CHECKPOINT_KEY_ID: signer.keyId,
      EJOURNAL_CHECKPOINT_INTERVAL_MS: '300',
      EJOURNAL_LOG_BUILD_INTERVAL_MS: '100',
      EJOURNAL_WITNESS_URLS: witnesses.map((w) => w.url).join(','),
      EJOURNAL_WITNESS_KEYS: witnesses.map((w) => w.key.text).join(','),
      EJOURNAL_WITNESS_QUORUM: '2',
    };
    journalService = await start('journal', journalEnv);
    const id = httpClient(identity.baseUrl);
    operator = await signInOperator(id, BOOTSTRAP);
    const account = expectStatus(
      await id('POST', '/service-accounts', { token: operator, json: { clientId: 'archive' } }),
      201,
    );
    const pki = path.join(dir, 'pki');
    await run('bash', [path.resolve(__dirname, '../scripts/local-signing-pki.sh'), pki]);
    const archived = await start('archive', {
      DATABASE_URL: archiveDb.url,
      KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '',
      MONGO_URL: mongo.url,
      READ_STORE_POSTGRES_URL: testReadStorePostgresUrl(),
      AUTH_JWKS_URL: `${identity.baseUrl}/.well-known/jwks.json`,
      JOURNAL_EVENTS_TOPIC: topics.journal,
      INTEGRITY_CHECKPOINTS_TOPIC: topics.checkpoints,
      CATALOGUE_CONSUMER_GROUP: uniqueTestName(`${label} catalogue`),
      DOCUMENTS_CONSUMER_GROUP: uniqueTestName(`${label} documents`),
      CHECKPOINTS_CONSUMER_GROUP: uniqueTestName(`${label} checkpoints`),
      INTEGRITY_ENABLED: 'false',
      DOCUMENT_STORE_DIR: path.join(dir, 'documents'),
      IDENTITY_URL: identity.baseUrl,
      SERVICE_TOKEN_URL: `${identity.baseUrl}/auth/token`,
      ARCHIVE_CLIENT_ID: 'archive',
      ARCHIVE_CLIENT_SECRET: account.clientSecret,
      SIGNING_KEYS_DIR: pki,
      SIGNING_TRUST_ANCHORS: path.join(pki, 'ca.pem'),
    });
    archive = httpClient(archived.baseUrl);

    // A school, its roster, a teacher's journal and a lesson with marks.
    expectStatus(
      await id('POST', '/municipalities', { token: operator, json: { municipalityId: 'mun-e2e' } }),
      201,
    );
    await registerSchool(id, operator, 'school-17', year);
    const imported = expectStatus(
      await id('POST', `/schools/school-17/roster-imports?academicYear=${year.academicYear}`, {
        token: operator,
        csv: rosterFile(SCHOOL_17),
      }),
      200,
    );
    const people = new Map<string, string>(
      (imported.people as { key: string; personId: string }[]).map((p) => [p.key, p.personId]),
    );
    const tokens = await signInEveryone(id, operator, 'school-17', people);
    const call = httpClient(journalService.baseUrl);
    const as = (key: string) => tokens.get(key) ?? '';
    const classes = expectStatus(
      await id('GET', `/schools/school-17/classes?academicYear=${year.academicYear}`, {
        token: operator,
      }),
      200,
    );
    const sevenA = classes.classes.find(
      (c: { grade: number; letter: string }) => c.grade === 7 && c.letter === 'А',
    ).classId;
    const opened = await eventually(
      () =>
        call('POST', '/journals', {
          token: as('S-4'),
          json: {
            schoolId: 'school-17',
            academicYear: year.academicYear,
            groupId: sevenA,
            kind: 'lesson',
            subjectId: 'subject-math',
            scale: 'five_point',
            teacherIds: [people.get('S-1')],
          },
        }),
      (answer) => answer.status === 412 || answer.body?.code === 'JOURNAL.UNKNOWN_GROUP',
    );
    const math = expectStatus(opened, 201).journalId;
    // A witnessed checkpoint before any mark, then one after each lesson.
    await listener.until((c) => cosignedBoth(c), 60_000);
    for (const [days, value] of [
      [3, '5'],
      [2, '4'],
      [1, '3'],
    ] as const) {
      expectStatus(
        await call('POST', `/journals/${math}/lessons`, {
          token: as('S-1'),
          json: {
            date: year.daysAgo(days),
            slot: 2,
            topic: `Урок ${days}`,
            homework: null,
            entries: [{ pupilId: people.get('P-1'), marks: [{ value, workType: 'classwork' }] }],
          },
        }),
        201,
      );
      // Each lesson lands in its own witnessed checkpoint.
      const size = await storeSize();
      await listener.until((c) => c.treeSize >= size && cosignedBoth(c), 60_000);
    }
  });

  afterAll(async () => {
    await listener?.stop();
    for (const service of started.reverse()) await service.stop();
    for (const step of cleanup) await step();
  });

  const storeSize = async () => {
    const admin = new Client({ connectionString: journalDb.url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM event_store.events',
      );
      return rows[0]?.n ?? 0;
    } finally {
      await admin.end();
    }
  };

  it('marks → cosigned checkpoints → offline verification → a rewrite the witnesses refuse, the alarm, the narrowed range', async () => {
    const witnessKeys = witnesses.map((w) => w.key.text);
    const witnessed = new Map(
      listener.received.filter(cosignedBoth).map((c) => [c.checkpointId, c]),
    );
    const last = [...witnessed.values()].at(-1) as IntegrityCheckpoint;
    console.log(`witness e2e: published note (${last.logVerifierKey}):\n${last.note}`);
    expect(
      await goNoteVerify(last.note as string, last.logVerifierKey as string, witnessKeys, 2),
    ).toMatchObject({ origin: logId, verifiedBy: [logId, ...witnesses.map((w) => w.key.name)] });
    const wellKnown = await eventually(
      () => archive('GET', '/.well-known/ejournal/checkpoint-keys'),
      (answer) => answer.status === 200 && answer.body.keys.length === 0,
    );
    expect(wellKnown.body.keys).toEqual([
      expect.objectContaining({ logId, verifierKey: last.logVerifierKey }),
    ]);

    // What an auditor keeps: public keys and the witnessed checkpoints only.
    const pool = new Pool({ connectionString: journalDb.url, max: 2 });
    const files = {
      keys: path.join(dir, 'keys.json'),
      witnesses: path.join(dir, 'witnesses.txt'),
      checkpoints: path.join(dir, 'witnessed.ndjson'),
      before: path.join(dir, 'before.ndjson'),
      after: path.join(dir, 'after.ndjson'),
    };
    try {
      await writeFile(files.keys, JSON.stringify({ keys: await listSigningKeys(pool) }));
      await writeFile(files.witnesses, `${witnessKeys.join('\n')}\n`);
      await writeFile(
        files.checkpoints,
        [...witnessed.values()]
          .map((c) =>
            JSON.stringify({
              checkpointId: c.checkpointId,
              logId: c.logId,
              treeSize: c.treeSize,
              rootHash: c.rootHash,
              signedAt: c.signedAt,
              keyId: c.keyId,
              signature: c.signature,
              note: c.note,
            }),
          )
          .join('\n'),
      );
      const audit = (file: string) =>
        cli(
          '--export',
          file,
          '--keys',
          files.keys,
          '--checkpoints',
          files.checkpoints,
          '--witness-keys',
          files.witnesses,
          '--quorum',
          '2',
        );
      expect(
        (await cli('export', '--database-url', journalDb.url, '--out', files.before)).code,
      ).toBe(0);
      const clean = await audit(files.before);
      console.log(`witness e2e: offline verification before the rewrite:\n${clean.stderr}`);
      expect(clean.code).toBe(0);

      // The superuser stops the journal, changes the first mark (5 → 2) with its chain, rebuilds
      // the Merkle log and signs a checkpoint of it with the log's own key; the journal restarts.
      await journalService.stop();
      const admin = new Client({ connectionString: journalDb.url });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ stream_id: string; stream_version: number }>(
          `SELECT stream_id, stream_version FROM event_store.events
           WHERE type = 'MarkRecorded' AND convert_from(canonical, 'UTF8') LIKE '%"value":"5"%'
           ORDER BY global_position LIMIT 1`,
        );
        const mark = rows[0];
        expect(mark).toBeDefined();
        await admin.query('BEGIN');
        await admin.query('SET LOCAL session_replication_role = replica');
        await admin.query(alterPayload(mark?.stream_id ?? '', mark?.stream_version ?? 0));
        await admin.query(rechain(mark?.stream_id ?? '', mark?.stream_version ?? 0));
        await admin.query('DELETE FROM event_store.merkle_leaves');
        await admin.query('DELETE FROM event_store.merkle_nodes');
        await admin.query('COMMIT');
        const events = await storeSize();
        const builder = new LogBuilder(pool);
        while ((await logSize(pool)) < events) await builder.catchUp();
        const size = await logSize(pool);
        const forged = signCheckpoint(
          {
            logId,
            treeSize: size,
            rootHash: (await logRoot(pool, size)).toString('hex'),
            signedAt: new Date().toISOString(),
            keyId: signer.keyId,
          },
          signer.privateKey,
        );
        await admin.query(
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
      } finally {
        await admin.end();
      }
      await start('journal', journalEnv);
      const refused = await listener.until((c) => (c.witnesses?.refusals.length ?? 0) > 0, 60_000);
      console.log(`witness e2e: witnesses answered ${JSON.stringify(refused.witnesses)}`);
      expect(refused.witnesses?.refusals).toEqual(
        witnesses.map((w) => expect.objectContaining({ witness: w.key.name, status: 422 })),
      );
      const alarm = await eventually(
        () => archive('GET', '/integrity/status', { token: operator }),
        (answer) => answer.status !== 200 || answer.body.status !== 'alarm',
        60_000,
      );
      console.log(`witness e2e: alarm ${JSON.stringify(alarm.body.problems[0])}`);
      expect(alarm.body.problems).toEqual([
        expect.objectContaining({ code: 'INTEGRITY.WITNESS_REFUSED', logId }),
      ]);

      expect(
        (await cli('export', '--database-url', journalDb.url, '--out', files.after)).code,
      ).toBe(0);
      const caught = await audit(files.after);
      console.log(`witness e2e: offline verification after the rewrite:\n${caught.stderr}`);
      expect(caught.code).toBe(1);
      const report = JSON.parse(caught.stdout);
      const store = report.witnesses.store;
      expect(store.matches).toBe(false);
      expect(store.lastMatchingTreeSize).toBeLessThan(store.firstMismatchingTreeSize);
      // The changed mark lies between the last witnessed size that matches and the first that
      // does not, and the published checkpoint's mismatch names that range.
      const markLeaf = await pool.query<{ leaf: string }>(
        `SELECT leaf_index::text AS leaf FROM event_store.merkle_leaves AS l
         JOIN event_store.events AS e USING (global_position)
         WHERE convert_from(e.canonical, 'UTF8') LIKE '%"value":"2"%' ORDER BY leaf_index LIMIT 1`,
      );
      const leaf = Number(markLeaf.rows[0]?.leaf);
      expect(leaf).toBeGreaterThanOrEqual(store.lastMatchingTreeSize);
      expect(leaf).toBeLessThan(store.firstMismatchingTreeSize);
      expect(
        report.problems.find(
          (p: { checkpoint?: { source: string } }) => p.checkpoint?.source === 'published',
        ),
      ).toMatchObject({
        code: 'INTEGRITY.ROOT_MISMATCH',
        leafRange: { from: store.lastMatchingTreeSize, to: store.firstMismatchingTreeSize },
      });
    } finally {
      await pool.end();
    }
  });
});
