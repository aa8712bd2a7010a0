import { kafkaClient } from '@ejournal/messaging';
import { startBuiltService } from '@ejournal/testing';
import { logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { Client } from 'pg';
import type { Platform } from '../journal/platform';
import { AUDIENCE, ISSUER } from '../journal/tokens';
import { REGION_ID } from '../journal/school';

const withPath = (url: string, database: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/** Where a bench's diary runs: its own database (created here), read store and topics. */
export interface DiaryWiring {
  database: string;
  mongoUrl: string;
  identityTopic: string;
  journalTopic: string;
  notificationsTopic: string;
  jwksUrl: string;
  issuer: string;
}

/** The diary bench's wiring: named after the platform's journal database and topics. */
export const benchDiaryWiring = (platform: Platform, jwksUrl: string): DiaryWiring => ({
  database: platform.journalDb.replace('journal', 'diary'),
  mongoUrl: platform.mongoUrl('_diary'),
  identityTopic: platform.topics.identity,
  journalTopic: platform.topics.journal,
  notificationsTopic: platform.topics.journal.replace('journal.events', 'diary.notifications'),
  jwksUrl,
  issuer: ISSUER,
});

/**
 * The built diary service as a child process on a database, read store and notifications
 * topic of its own (named `bench…`), consuming the bench's identity and journal topics. `drop()`
 * removes what it made; the platform drops the rest.
 */
export async function startDiary(wiring: DiaryWiring) {
  const serverUrl = process.env['DATABASE_URL'] ?? '';
  const { database: name, mongoUrl, notificationsTopic: topic } = wiring;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const service = await startBuiltService(
    'diary',
    {
      DATABASE_URL: withPath(serverUrl, name),
      MONGO_URL: mongoUrl,
      KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '',
      AUTH_JWKS_URL: wiring.jwksUrl,
      AUTH_ISSUER: wiring.issuer,
      AUTH_AUDIENCE: AUDIENCE,
      REGION_ID,
      IDENTITY_EVENTS_TOPIC: wiring.identityTopic,
      IDENTITY_CONSUMER_GROUP: `${wiring.identityTopic}.diary`,
      JOURNAL_EVENTS_TOPIC: wiring.journalTopic,
      JOURNAL_CONSUMER_GROUP: `${wiring.journalTopic}.diary`,
      DIARY_NOTIFICATIONS_TOPIC: topic,
      // The bench's receivers listen on loopback, which webhooks may not reach by default.
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
    },
    60_000,
  );
  const db = new Client({ connectionString: withPath(serverUrl, name) });
  await db.connect();
  const mongo = await mongoose.createConnection(mongoUrl).asPromise();
  return {
    ...service,
    topic,
    db,
    weeks: () => (mongo.db as NonNullable<typeof mongo.db>).collection('diary_weeks'),
    async drop() {
      await service.stop();
      await db.end();
      await mongo.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      for (const suffix of ['app', 'owner', 'disposal'])
        await admin.query(`DROP ROLE IF EXISTS ${name}_${suffix}`);
      await admin.end();
      const kafka = kafkaClient({
        clientId: 'bench-diary-cleanup',
        brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
        logLevel: logLevel.NOTHING,
      }).admin();
      await kafka.connect();
      await kafka.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
      await kafka.disconnect();
    },
  };
}
export type DiaryProcess = Awaited<ReturnType<typeof startDiary>>;
