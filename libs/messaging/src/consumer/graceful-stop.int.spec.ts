import { createTestDatabase, requireInfra, testTopic } from '@ejournal/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { PostgresRelayLease } from '../relay/postgres-relay-lease';
import { startRelay } from '../relay/start-relay';
import { kafkaFixture, type KafkaFixture } from '../testing/kafka-fixture';
import { appendMarks } from '../testing/sample-events';
import { storeFixture, type StoreFixture } from '../testing/store-fixture';
import { until } from '../testing/until';
import { startConsumer } from './start-consumer';

jest.setTimeout(60_000);

describe('stopping a consumer (real Kafka)', () => {
  let fixture: StoreFixture;
  let kafka: KafkaFixture;
  const topic = testTopic('graceful stop');
  const APPENDED = 120;

  beforeAll(async () => {
    const { KAFKA_BROKERS } = await requireInfra();
    fixture = await storeFixture(await createTestDatabase('messaging stop'));
    kafka = await kafkaFixture(KAFKA_BROKERS, 'graceful-stop-test');
    await kafka.createTopic(topic, 1);
    await appendMarks(fixture.store, 'stop', 4, APPENDED / 4);
    const publisher = await kafka.bus.publisher();
    const relay = startRelay({
      store: fixture.relayStore,
      publisher,
      topic,
      lease: new PostgresRelayLease({ connectionString: fixture.appUrl, name: topic }),
    });
    try {
      await until('the relay', async () => (await kafka.countMessages(topic)) === APPENDED);
    } finally {
      await relay.stop();
      await publisher.close();
    }
  });

  afterAll(async () => {
    await kafka?.close();
    await fixture?.drop();
  });

  it('finishes the batch in hand, commits it and leaves the group', async () => {
    const groupId = `${topic}.slow`;
    let handled = 0;
    const batches: number[] = [];
    const consumer = await startConsumer({
      bus: kafka.bus,
      groupId,
      topics: [topic],
      async handle() {
        await sleep(5);
        handled += 1;
      },
      onDeadLetter: async () => undefined,
      beforeCommit: async (batch) => void batches.push(batch.messages.length),
    });
    await until('the first messages', () => handled >= 10);
    const handledAtStop = handled;
    await consumer.stop();

    expect(handledAtStop).toBeLessThan(batches[0]!);
    expect(handled).toBe(batches.reduce((sum, size) => sum + size, 0));
    const committed = await kafka.admin.committedOffsets(groupId, topic);
    expect(committed.get(0)).toBe(String(handled));
    expect(await kafka.admin.describeGroup(groupId)).toEqual({ state: 'Empty', members: 0 });
  });
});
