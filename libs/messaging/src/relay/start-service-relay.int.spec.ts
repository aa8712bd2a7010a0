import { journalRegistry } from '@ejournal/contracts';
import { createTestDatabase, requireInfra, testTopic } from '@ejournal/testing';
import { ConfigResourceTypes, Kafka, logLevel, type Admin } from 'kafkajs';
import { Pool } from 'pg';
import { appendMarks } from '../testing/sample-events';
import { storeFixture, type StoreFixture } from '../testing/store-fixture';
import { until } from '../testing/until';
import { deadLetterTopic } from '../topics/topic-names';
import { startServiceRelay } from './start-service-relay';

// The relay reads the safe order, which a long write transaction anywhere in the cluster holds
// back (a bulk load beside this test): the wait is for the condition, bounded generously.
jest.setTimeout(150_000);
const PUBLISHED_WITHIN_MS = 120_000;

describe('a service relay (real PostgreSQL and Kafka)', () => {
  let fixture: StoreFixture;
  let pool: Pool;
  let admin: Admin;
  const topic = testTopic('service relay facts');

  beforeAll(async () => {
    const { KAFKA_BROKERS } = await requireInfra(['DATABASE_URL', 'KAFKA_BROKERS']);
    fixture = await storeFixture(await createTestDatabase('service relay facts'));
    pool = new Pool({ connectionString: fixture.appUrl, max: 2 });
    const kafka = new Kafka({
      clientId: 'service-relay-test',
      brokers: KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    });
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.deleteTopics({ topics: [topic, deadLetterTopic(topic)] }).catch(() => undefined);
    await admin?.disconnect();
    await pool?.end();
    await fixture?.drop();
  });

  it('provisions its topic to keep every fact for good, and publishes the store to it', async () => {
    const errors: unknown[] = [];
    const relay = await startServiceRelay({
      service: topic,
      brokers: (await requireInfra(['KAFKA_BROKERS'])).KAFKA_BROKERS.split(','),
      topic,
      partitions: 2,
      replicationFactor: 1,
      pool,
      connectionString: fixture.appUrl,
      registry: journalRegistry,
      onError: (error) => errors.push(error),
    });
    try {
      await appendMarks(fixture.store, 'facts', 2, 3);
      await until(
        'the relay to publish the store',
        async () => {
          return (await fixture.relayCheckpoint(topic)) === (await fixture.lastInSafeOrder());
        },
        PUBLISHED_WITHIN_MS,
      ).catch(async (error: Error) => {
        const at = [await fixture.relayCheckpoint(topic), await fixture.lastInSafeOrder()];
        const why = errors.map(String).join('; ');
        const holding = await fixture.oldTransactions();
        // On the topic already (the checkpoint's save hung) or not (the publish hung)?
        const offsets = await admin.fetchTopicOffsets(topic).catch((e: unknown) => String(e));
        throw new Error(
          `${error.message}: checkpoint ${at[0]} of ${at[1]}; relay errors: ${why}; ` +
            `topic offsets: ${JSON.stringify(offsets)}; ` +
            `old transactions in the cluster: ${holding}`,
        );
      });
    } finally {
      await relay.stop();
    }
    expect(errors).toEqual([]);

    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [topic, deadLetterTopic(topic)].map((name) => ({
        type: ConfigResourceTypes.TOPIC,
        name,
        configNames: ['retention.ms', 'retention.bytes', 'cleanup.policy'],
      })),
    });
    const configs = Object.fromEntries(
      described.resources.map((resource) => [
        resource.resourceName,
        Object.fromEntries(resource.configEntries.map((e) => [e.configName, e.configValue])),
      ]),
    );
    expect(configs[topic]).toEqual({
      'retention.ms': '-1',
      'retention.bytes': '-1',
      'cleanup.policy': 'delete',
    });
    expect(configs[deadLetterTopic(topic)]).toMatchObject({ 'retention.ms': '2592000000' });
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets.reduce((sum, partition) => sum + Number(partition.high), 0)).toBe(6);
  });
});
