import { randomBytes } from 'node:crypto';
import { httpClient, startBuiltService, type RunningService } from '../running-service';
import {
  createTestDatabase,
  testMongoUrl,
  testReadStorePostgresUrl,
  testTopic,
} from '../test-resources';
import { dropMongo, dropRoles } from './e2e-resources';

/**
 * Identity and journal as built services in child processes, on databases and topics of
 * their own (named after `label`): identity's facts reach the journal through Kafka.
 */
export async function startIdentityAndJournal(label: string, bootstrapCode: string) {
  const identityTopic = testTopic(`${label} identity`);
  const journalTopic = testTopic(`${label} journal`);
  // Not the platform's checkpoints topic: suites running beside this one would share it.
  const checkpointsTopic = testTopic(`${label} checkpoints`);
  const mongo = testMongoUrl(label);
  const [identityDb, journalDb] = await Promise.all([
    createTestDatabase(`${label} identity`),
    createTestDatabase(`${label} journal`),
  ]);
  const started: RunningService[] = [];
  const stop = async () => {
    for (const service of started.reverse()) await service.stop();
    await Promise.all([identityDb.drop(), journalDb.drop()]);
    await dropRoles([identityDb.name, journalDb.name]);
    await dropMongo(mongo.url);
  };
  try {
    const identity = await startBuiltService('identity', {
      DATABASE_URL: identityDb.url,
      KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '',
      IDENTITY_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      BOOTSTRAP_OPERATOR_CODE: bootstrapCode,
      IDENTITY_EVENTS_TOPIC: identityTopic,
      IDENTITY_TOPIC_PARTITIONS: '1',
      INTEGRITY_CHECKPOINTS_TOPIC: checkpointsTopic,
      KEY_ACTIVATION_DELAY_SECONDS: '0',
      SIGN_IN_PER_IP_PER_MINUTE: '10000',
    });
    started.push(identity);
    const journalEnv = {
      DATABASE_URL: journalDb.url,
      KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '',
      MONGO_URL: mongo.url,
      READ_STORE_POSTGRES_URL: testReadStorePostgresUrl(),
      AUTH_JWKS_URL: `${identity.baseUrl}/.well-known/jwks.json`,
      IDENTITY_EVENTS_TOPIC: identityTopic,
      IDENTITY_CONSUMER_GROUP: `${identityTopic}.journal`,
      JOURNAL_EVENTS_TOPIC: journalTopic,
      JOURNAL_TOPIC_PARTITIONS: '1',
      INTEGRITY_CHECKPOINTS_TOPIC: checkpointsTopic,
    };
    const journal = await startBuiltService('journal', journalEnv);
    started.push(journal);
    /** Another replica of the journal: the same database, read store and topics. */
    const startJournalReplica = async () => {
      const replica = await startBuiltService('journal', journalEnv);
      started.push(replica);
      return replica;
    };
    return {
      identity,
      journal,
      identityTopic,
      journalTopic,
      id: httpClient(identity.baseUrl),
      call: httpClient(journal.baseUrl),
      journalEnv,
      startJournalReplica,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
