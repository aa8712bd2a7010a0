import { localJwks, SIGNING_ALGORITHM, type Grant } from '@ejournal/auth';
import { loadConfig } from '@ejournal/config';
import { newEventId, type RecordedEvent } from '@ejournal/contracts';
import { createHttpApp } from '@ejournal/http';
import {
  createKafkajsBus,
  provisionEventTopics,
  type MessageBus,
  type Publisher,
  type TopicAdmin,
} from '@ejournal/messaging';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { Client } from 'pg';
import { AppModule } from '../app.module';
import { diaryConfigSchema } from '../config';
import { configureDiaryApp } from '../openapi';

// Specs only: the diary in-process on the spec's own database, MongoDB database and topics,
// trusting tokens signed by a key of the spec's own; events published as the relays would.

export interface DiaryTestApp {
  app: NestFastifyApplication;
  bus: MessageBus;
  admin: TopicAdmin;
  topics: { identity: string; journal: string; diary: string };
  token(grants: Grant[], subject: string): Promise<string>;
  /** Publishes recorded events to a topic, keyed by stream, in order. */
  publish(topic: string, events: RecordedEvent[]): Promise<void>;
  close(): Promise<void>;
}

export async function diaryTestApp(options: {
  servers: Record<string, string>;
  database: { name: string; url: string; drop(): Promise<void> };
  mongoUrl: string;
  topics: { identity: string; journal: string; diary: string };
  consumers: boolean;
  clock?: () => Date;
  /** Settings of the spec's own (short retry windows, quick heartbeats). */
  env?: Record<string, string>;
  /** A second process on another app's database: closing it leaves the database alone. */
  sharesDatabase?: boolean;
}): Promise<DiaryTestApp> {
  const { servers, database, topics } = options;
  const bus = createKafkajsBus({
    brokers: servers['KAFKA_BROKERS']?.split(',') ?? [],
    clientId: 'diary-test',
    logLevel: 'nothing',
  });
  const admin = await bus.admin();
  if (options.consumers) {
    await provisionEventTopics(admin, [topics.identity, topics.journal], {
      partitions: 3,
      replicationFactor: 1,
    });
  }
  const config = loadConfig(diaryConfigSchema, {
    ...servers,
    DATABASE_URL: database.url,
    MONGO_URL: options.mongoUrl,
    IDENTITY_EVENTS_TOPIC: topics.identity,
    JOURNAL_EVENTS_TOPIC: topics.journal,
    DIARY_NOTIFICATIONS_TOPIC: topics.diary,
    IDENTITY_CONSUMER_GROUP: `${topics.identity}.diary`,
    JOURNAL_CONSUMER_GROUP: `${topics.journal}.diary`,
    DIARY_TOPIC_PARTITIONS: '3',
    CONSUMERS_ENABLED: String(options.consumers),
    RELAY_ENABLED: String(options.consumers),
    CONSUMER_MAX_ATTEMPTS: '2',
    CONSUMER_RETRY_MIN_MS: '20',
    LOG_LEVEL: process.env['DIARY_SPEC_LOG'] ?? 'fatal',
    ...options.env,
  });
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'spec', alg: SIGNING_ALGORITHM };
  const jwks = localJwks(() => ({ keys: [jwk] }));
  const app = await createHttpApp(
    AppModule.forConfig(config, { jwks, ...(options.clock ? { clock: options.clock } : {}) }),
    {
      name: 'diary-test',
      logLevel: 'fatal',
      configure: configureDiaryApp,
    },
  );
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const publisher: Publisher = await bus.publisher();
  let issued = 0;
  return {
    app,
    bus,
    admin,
    topics,
    token: (grants, subject) =>
      new SignJWT({ kind: 'user', grants })
        .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: 'spec', typ: 'at+jwt' })
        .setIssuer('ejournal-identity')
        .setAudience('ejournal')
        .setSubject(subject)
        .setJti(`token-${(issued += 1)}`)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey),
    publish: (topic, events) =>
      publisher.publish(
        topic,
        events.map((event) => ({ key: event.streamId, value: JSON.stringify(event), headers: {} })),
      ),
    async close() {
      await app.close();
      await publisher.close();
      if (options.consumers) {
        const all = [topics.identity, topics.journal, topics.diary];
        await admin.deleteTopics([...all, ...all.map((t) => `${t}.dlq`)]).catch(() => undefined);
      }
      await admin.close();
      if (options.sharesDatabase) return;
      await database.drop();
      await dropRoles(database.url, database.name);
    },
  };
}

/** The cluster-wide roles the migration made for the test database. */
async function dropRoles(url: string, name: string): Promise<void> {
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    for (const suffix of ['app', 'disposal', 'owner']) {
      await client.query(`DROP ROLE IF EXISTS "${name}_${suffix}"`);
    }
  } finally {
    await client.end();
  }
}

/** Numbers each stream's events as the store would, from version 1. */
export function streams(
  regionId: string,
  list: [streamId: string, schoolId: string, events: [type: string, data: object][]][],
): RecordedEvent[] {
  return list.flatMap(([streamId, schoolId, events]) =>
    events.map(([type, data], index) =>
      recorded(regionId, streamId, index + 1, schoolId, type, data),
    ),
  );
}

export function recorded(
  regionId: string,
  streamId: string,
  streamVersion: number,
  schoolId: string,
  type: string,
  data: object,
  schemaVersion = type === 'MarkRecorded' || type === 'MarkCorrected' ? 2 : 1,
): RecordedEvent {
  return {
    eventId: newEventId(),
    type,
    schemaVersion,
    streamId,
    streamVersion,
    globalPosition: String(streamVersion),
    occurredAt: '2026-09-08T09:00:00+03:00',
    recordedAt: '2026-09-08T06:00:00.000Z',
    tenant: { regionId, schoolId },
    actor: { userId: 'teacher-1', role: 'teacher', onBehalfOf: null },
    correlationId: `spec-${type}`,
    causationId: null,
    traceparent: null,
    prevHash: null,
    hash: null,
    data,
  } as RecordedEvent;
}
