import { kafkaClient } from '@ejournal/messaging';
import { randomBytes } from 'node:crypto';
import {
  createTestDatabase,
  dropMongo,
  dropRoles,
  httpClient,
  startBuiltService,
  startIdentityAndJournal,
  testMongoUrl,
  testReadStorePostgresUrl,
  testTopic,
  type RunningService,
} from '@ejournal/testing';
import { logLevel } from 'kafkajs';

/**
 * Identity, journal and diary as built services in child processes, on databases and topics of
 * their own: identity's facts and the journal's events reach the diary through Kafka. The diary
 * can be killed (SIGKILL) and started again on the same database, read store and topics.
 */
export async function startIdentityJournalAndDiary(label: string, bootstrapCode: string) {
  const platform = await startIdentityAndJournal(label, bootstrapCode);
  const diaryDb = await createTestDatabase(`${label} diary`);
  const mongo = testMongoUrl(`${label} diary`);
  const notificationsTopic = testTopic(`${label} notifications`);
  const diaryEnv = {
    DATABASE_URL: diaryDb.url,
    KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '',
    MONGO_URL: mongo.url,
    READ_STORE_POSTGRES_URL: testReadStorePostgresUrl(),
    AUTH_JWKS_URL: `${platform.identity.baseUrl}/.well-known/jwks.json`,
    IDENTITY_EVENTS_TOPIC: platform.identityTopic,
    IDENTITY_CONSUMER_GROUP: `${platform.identityTopic}.diary`,
    JOURNAL_EVENTS_TOPIC: platform.journalTopic,
    JOURNAL_CONSUMER_GROUP: `${platform.journalTopic}.diary`,
    DIARY_NOTIFICATIONS_TOPIC: notificationsTopic,
    DIARY_TOPIC_PARTITIONS: '3',
    // A restarted replica gets the partitions of the killed one within seconds.
    CONSUMER_SESSION_TIMEOUT_MS: '6000',
    WEBHOOK_TIMEOUT_MS: '2000',
    WEBHOOK_RETRY_MIN_MS: '200',
    WEBHOOK_RETRY_MAX_MS: '2000',
    // The test's receivers listen on loopback, which webhooks may not reach by default.
    WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
    DIARY_SECRETS_KEY: randomBytes(32).toString('base64'),
  };
  let diary: RunningService | null = null;
  const stop = async () => {
    await diary?.stop();
    await diaryDb.drop();
    await dropRoles([diaryDb.name]);
    await dropMongo(mongo.url);
    await deleteTopics([notificationsTopic]);
    await platform.stop();
  };
  try {
    diary = await startBuiltService('diary', diaryEnv);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    ...platform,
    notificationsTopic,
    diaryEnv,
    diary: () => diary as RunningService,
    /** The diary's client: after a restart it answers on another port. */
    diaryCall: (...args: Parameters<ReturnType<typeof httpClient>>) =>
      httpClient((diary as RunningService).baseUrl)(...args),
    /** `kill -9` of the diary process. */
    killDiary: () => (diary as RunningService).kill(),
    restartDiary: async () => {
      diary = await startBuiltService('diary', diaryEnv);
    },
    stop,
  };
}

async function deleteTopics(topics: string[]): Promise<void> {
  const admin = kafkaClient({
    clientId: 'diary-e2e-cleanup',
    brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  await admin
    .deleteTopics({ topics: topics.flatMap((topic) => [topic, `${topic}.dlq`]) })
    .catch(() => undefined);
  await admin.disconnect();
}
