import { eventStoreRoles } from '@ejournal/event-store';
import { deadLetterTopic, kafkaClient } from '@ejournal/messaging';
import { logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { Client, Pool } from 'pg';
import { createBenchDatabase, type BenchDatabase } from '../event-store/bench-database';
import { ISSUER, AUDIENCE } from './tokens';
import { REGION_ID } from './school';

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (npm run bench sets it)`);
  return value;
};

const withPath = (url: string, database: string, user?: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (user) [parsed.username, parsed.password] = [user, ''];
  return parsed.toString();
};

const GROUP_ID_NOT_FOUND = 69;

/**
 * Deletes the topics (with their `.dlq`) and the consumer group. A consumer killed with
 * SIGKILL stays the group's member until its session times out: retried meanwhile.
 */
async function dropKafka(topics: string[], group: string, withinMs = 45_000) {
  const admin = kafkaClient({
    clientId: 'bench-cleanup',
    brokers: required('KAFKA_BROKERS').split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const all = topics.flatMap((topic) => [topic, deadLetterTopic(topic)]);
    const existing = new Set(await admin.listTopics());
    await admin.deleteTopics({ topics: all.filter((topic) => existing.has(topic)) });
    for (const deadline = Date.now() + withinMs; ;) {
      const left = await admin.deleteGroups([group]).then(
        () => false,
        (error: { groups?: { errorCode: number }[] }) =>
          error.groups?.[0]?.errorCode !== GROUP_ID_NOT_FOUND,
      );
      if (!left || Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * What the bench gives the journal, all fresh and named `bench…`: an empty PostgreSQL database
 * (the service migrates it), MongoDB databases on FerretDB, an identity event store of its own
 * (createBenchDatabase), Kafka topics for identity's facts and the journal's events.
 * `drop()` removes all of it, roles and consumer group included.
 */
export async function createPlatform() {
  const serverUrl = required('DATABASE_URL');
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const name = `bench_journal_${stamp}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const adminUrl = withPath(serverUrl, name);
  const journalAdmin = new Pool({ connectionString: adminUrl, max: 4 });
  journalAdmin.on('error', () => undefined);
  const identityDb: BenchDatabase = await createBenchDatabase(4);
  const mongoNames: string[] = [];
  const topics = {
    identity: `ejournal.bench_${stamp}.identity.events.v1`,
    journal: `ejournal.bench_${stamp}.journal.events.v1`,
  };
  const factsGroup = `${topics.identity}.journal`;
  return {
    journalDb: name,
    journalAdmin,
    identityDb,
    topics,
    /** The application role's URL, once the service migrated the database. */
    journalAppUrl: () => withPath(serverUrl, name, eventStoreRoles(name).app),
    mongoUrl(suffix: string) {
      const database = `bench_journal_${stamp}${suffix}`;
      if (!mongoNames.includes(database)) mongoNames.push(database);
      return withPath(required('MONGO_URL'), database);
    },
    journalEnv: (mongoUrl: string, jwksUrl: string): Record<string, string> => ({
      DATABASE_URL: adminUrl,
      MONGO_URL: mongoUrl,
      KAFKA_BROKERS: required('KAFKA_BROKERS'),
      AUTH_JWKS_URL: jwksUrl,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      REGION_ID,
      IDENTITY_EVENTS_TOPIC: topics.identity,
      IDENTITY_CONSUMER_GROUP: factsGroup,
      JOURNAL_EVENTS_TOPIC: topics.journal,
      RELAY_ENABLED: 'true',
      FACTS_CONSUMER_ENABLED: 'true',
    }),
    async drop() {
      await journalAdmin.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      for (const role of Object.values(eventStoreRoles(name)))
        await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
      await identityDb.drop();
      for (const database of mongoNames) {
        const connection = await mongoose
          .createConnection(withPath(required('MONGO_URL'), database))
          .asPromise();
        await connection.dropDatabase();
        await connection.close();
      }
      await dropKafka(Object.values(topics), factsGroup);
    },
  };
}
export type Platform = Awaited<ReturnType<typeof createPlatform>>;
