import { kafkaClient } from '@ejournal/messaging';
import {
  createTestDatabase,
  dropMongo,
  dropRoles,
  freePort,
  httpClient,
  startBuiltService,
  testMongoUrl,
  testReadStorePostgresUrl,
  testTopic,
  type RunningService,
  type TestDatabase,
} from '@ejournal/testing';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { logLevel } from 'kafkajs';

const kafkaBrokers = () => process.env['KAFKA_BROKERS'] ?? '';
// Four services start at once on a shared 2-core machine: give each time to become ready.
const READY_WITHIN_MS = 90_000;

/**
 * The whole platform as a school would use it: identity, journal, diary and archive built and
 * started as processes on databases, read stores and topics of their own, and the web server
 * (`dist/apps/web/server/main.js`) in front of them, as `npm start` runs it.
 */
export async function startPlatform(label: string, bootstrapCode: string) {
  const topics = {
    identity: testTopic(`${label} identity`),
    journal: testTopic(`${label} journal`),
    notifications: testTopic(`${label} notifications`),
    checkpoints: testTopic(`${label} checkpoints`),
  };
  const mongo = {
    journal: testMongoUrl(`${label} journal`),
    diary: testMongoUrl(`${label} diary`),
    archive: testMongoUrl(`${label} archive`),
  };
  const databases: TestDatabase[] = [];
  const started: RunningService[] = [];
  const stop = async () => {
    for (const service of started.reverse()) await service.stop();
    await Promise.all(databases.map((db) => db.drop()));
    await dropRoles(databases.map((db) => db.name));
    await Promise.all(Object.values(mongo).map((m) => dropMongo(m.url).catch(() => undefined)));
    await deleteTopics(Object.values(topics));
  };
  try {
    const [identityDb, journalDb, diaryDb, archiveDb] = await Promise.all(
      ['identity', 'journal', 'diary', 'archive'].map((name) =>
        createTestDatabase(`${label} ${name}`),
      ),
    );
    databases.push(...([identityDb, journalDb, diaryDb, archiveDb] as TestDatabase[]));
    const identity = await startBuiltService(
      'identity',
      {
        DATABASE_URL: identityDb?.url ?? '',
        KAFKA_BROKERS: kafkaBrokers(),
        IDENTITY_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        BOOTSTRAP_OPERATOR_CODE: bootstrapCode,
        IDENTITY_EVENTS_TOPIC: topics.identity,
        IDENTITY_TOPIC_PARTITIONS: '1',
        KEY_ACTIVATION_DELAY_SECONDS: '0',
        SIGN_IN_PER_IP_PER_MINUTE: '10000',
      },
      READY_WITHIN_MS,
    );
    started.push(identity);
    const common = {
      KAFKA_BROKERS: kafkaBrokers(),
      READ_STORE_POSTGRES_URL: testReadStorePostgresUrl(),
      AUTH_JWKS_URL: `${identity.baseUrl}/.well-known/jwks.json`,
      INTEGRITY_CHECKPOINTS_TOPIC: topics.checkpoints,
      EJOURNAL_CHECKPOINT_INTERVAL_MS: '1000',
    };
    const [journal, diary, archive] = await Promise.all([
      startBuiltService(
        'journal',
        {
          ...common,
          DATABASE_URL: journalDb?.url ?? '',
          MONGO_URL: mongo.journal.url,
          IDENTITY_EVENTS_TOPIC: topics.identity,
          IDENTITY_CONSUMER_GROUP: `${topics.identity}.journal`,
          JOURNAL_EVENTS_TOPIC: topics.journal,
          JOURNAL_TOPIC_PARTITIONS: '1',
        },
        READY_WITHIN_MS,
      ),
      startBuiltService(
        'diary',
        {
          ...common,
          DATABASE_URL: diaryDb?.url ?? '',
          MONGO_URL: mongo.diary.url,
          IDENTITY_EVENTS_TOPIC: topics.identity,
          IDENTITY_CONSUMER_GROUP: `${topics.identity}.diary`,
          JOURNAL_EVENTS_TOPIC: topics.journal,
          JOURNAL_CONSUMER_GROUP: `${topics.journal}.diary`,
          DIARY_NOTIFICATIONS_TOPIC: topics.notifications,
          DIARY_TOPIC_PARTITIONS: '1',
        },
        READY_WITHIN_MS,
      ),
      startBuiltService(
        'archive',
        {
          ...common,
          DATABASE_URL: archiveDb?.url ?? '',
          MONGO_URL: mongo.archive.url,
          JOURNAL_EVENTS_TOPIC: topics.journal,
          CATALOGUE_CONSUMER_GROUP: `${topics.journal}.archive`,
          CHECKPOINTS_CONSUMER_GROUP: `${topics.checkpoints}.archive`,
        },
        READY_WITHIN_MS,
      ),
    ]);
    started.push(journal, diary, archive);
    const web = await startWebServer({
      IDENTITY_URL: identity.baseUrl,
      JOURNAL_URL: journal.baseUrl,
      DIARY_URL: diary.baseUrl,
      ARCHIVE_URL: archive.baseUrl,
    });
    started.push(web);
    return {
      web,
      urls: { identity: identity.baseUrl, journal: journal.baseUrl, web: web.baseUrl },
      identity: httpClient(identity.baseUrl),
      journal: httpClient(journal.baseUrl),
      diary: httpClient(diary.baseUrl),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

// From the sources (specs) or from dist/ (the web benchmark runs these helpers compiled).
const above = path.resolve(__dirname, '../../..');
const DIST = path.basename(above) === 'dist' ? above : path.join(above, 'dist');

/** `node dist/apps/web/server/main.js` on a free loopback port, once it answers. */
async function startWebServer(upstreams: Record<string, string>): Promise<RunningService> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(DIST, 'apps/web/server/main.js')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...upstreams },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (
    !(await fetch(`${baseUrl}/health/ready`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the web server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const ended = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return {
    baseUrl,
    logs: () => output,
    stop: () => ended('SIGTERM'),
    kill: () => ended('SIGKILL'),
  };
}

async function deleteTopics(topics: string[]): Promise<void> {
  const admin = kafkaClient({
    clientId: 'web-e2e-cleanup',
    brokers: kafkaBrokers().split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  await admin
    .deleteTopics({ topics: topics.flatMap((topic) => [topic, `${topic}.dlq`]) })
    .catch(() => undefined);
  await admin.disconnect();
}
