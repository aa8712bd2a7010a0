import { kafkaClient } from '@ejournal/messaging';
import {
  dropMongo,
  startIdentityAndJournal,
  testMongoUrl,
  testTopic,
  uniqueTestName,
} from '@ejournal/testing';
import { logLevel } from 'kafkajs';
import { startDiary } from '../diary/diary-process';

export const BOOTSTRAP_CODE = 'LOAD-BOOT-CODE';
/** Identity's own issuer: every token of the load is signed by the running identity. */
const IDENTITY_ISSUER = 'ejournal-identity';

/**
 * Identity, journal and diary as built services in child processes (libs/testing's
 * startIdentityAndJournal, then the diary bench's startDiary), each on storage and topics of
 * its own named `test_…`: identity's facts reach the journal and the diary through Kafka, the
 * journal's events reach the diary. `stop()` removes all of it.
 */
export async function startLoadPlatform() {
  const services = await startIdentityAndJournal('bench load', BOOTSTRAP_CODE);
  const diaryMongo = testMongoUrl('bench load diary');
  const notificationsTopic = testTopic('bench load notifications');
  try {
    const diary = await startDiary({
      database: uniqueTestName('bench load diary'),
      mongoUrl: diaryMongo.url,
      identityTopic: services.identityTopic,
      journalTopic: services.journalTopic,
      notificationsTopic,
      jwksUrl: `${services.identity.baseUrl}/.well-known/jwks.json`,
      issuer: IDENTITY_ISSUER,
    });
    const journalDatabase = new URL(services.journalEnv.DATABASE_URL).pathname.slice(1);
    return {
      ...services,
      diary,
      journalDatabase,
      async stop() {
        await diary.drop().catch(() => undefined);
        await dropMongo(diaryMongo.url).catch(() => undefined);
        await services.stop();
        await deleteTopics([services.identityTopic, services.journalTopic]);
      },
    };
  } catch (error) {
    await services.stop();
    throw error;
  }
}
export type LoadPlatform = Awaited<ReturnType<typeof startLoadPlatform>>;

async function deleteTopics(topics: string[]) {
  const admin = kafkaClient({
    clientId: 'bench-load-cleanup',
    brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const all = topics.flatMap((topic) => [topic, `${topic}.dlq`]);
  await admin.deleteTopics({ topics: all.filter((topic) => existing.has(topic)) });
  await admin.disconnect();
}
