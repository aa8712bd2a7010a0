import { createTestDatabase, requireInfra, testMongoUrl, testTopic } from '@ejournal/testing';
import mongoose, { type Connection } from 'mongoose';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Publisher } from '../port/message-bus.port';
import { versionKey } from '../read-model/version-key';
import { PostgresRelayLease } from '../relay/postgres-relay-lease';
import { startRelay, type Relay } from '../relay/start-relay';
import { kafkaFixture, type KafkaFixture } from '../testing/kafka-fixture';
import { appendMarks } from '../testing/sample-events';
import { projectIntoTally, schoolTallyModel, tallyTotals } from '../testing/school-tally';
import { storeFixture, type StoreFixture } from '../testing/store-fixture';
import { until } from '../testing/until';
import type { DeadLetter } from './dead-letter';
import { startConsumer, type EventConsumer } from './start-consumer';

jest.setTimeout(60_000);

const STREAMS = 12;
const PER_PHASE = 10;

interface Delivery {
  member: string;
  partition: number;
  streamId: string;
  version: number;
}

describe('ordering across a consumer-group rebalance (real Kafka)', () => {
  let fixture: StoreFixture;
  let kafka: KafkaFixture;
  let mongo: Connection;
  let publisher: Publisher;
  let relay: Relay;
  const topic = testTopic('rebalance order');

  beforeAll(async () => {
    const { KAFKA_BROKERS } = await requireInfra();
    fixture = await storeFixture(await createTestDatabase('messaging rebalance'));
    kafka = await kafkaFixture(KAFKA_BROKERS, 'rebalance-test');
    mongo = await mongoose.createConnection(testMongoUrl('messaging rebalance').url).asPromise();
    await kafka.createTopic(topic, 4);
    publisher = await kafka.bus.publisher();
    relay = startRelay({
      store: fixture.relayStore,
      publisher,
      topic,
      lease: new PostgresRelayLease({ connectionString: fixture.appUrl, name: topic }),
    });
  });

  afterAll(async () => {
    await relay?.stop();
    await publisher?.close();
    await mongo?.dropDatabase();
    await mongo?.close();
    await kafka?.close();
    await fixture?.drop();
  });

  // Both members run in this process, so their writes to one tally document are serialized
  // (document-lock): FerretDB 1.x would lose concurrent updates from two processes.
  it('keeps each stream in order while a member joins and another leaves', async () => {
    const total = STREAMS * PER_PHASE * 3;
    const tally = schoolTallyModel(mongo);
    const deliveries: Delivery[] = [];
    const letters: DeadLetter[] = [];
    const member = (name: string): Promise<EventConsumer> =>
      startConsumer({
        bus: kafka.bus,
        groupId: `${topic}.tally`,
        topics: [topic],
        sessionTimeoutMs: 6000,
        heartbeatIntervalMs: 200,
        retry: { attempts: 2, minDelayMs: 10, maxDelayMs: 20 },
        async handle(event, { message }) {
          await sleep(4);
          deliveries.push({
            member: name,
            partition: message.partition,
            streamId: event.streamId,
            version: event.streamVersion,
          });
          await projectIntoTally(tally, event);
        },
        onDeadLetter: async (letter) => void letters.push(letter),
      });

    await appendMarks(fixture.store, 'order', STREAMS, PER_PHASE);
    const members: EventConsumer[] = [];
    try {
      const first = await member('first');
      members.push(first);
      await until('the first member to be under way', () => deliveries.length >= 40);
      members.push(await member('second'));
      await appendMarks(fixture.store, 'order', STREAMS, PER_PHASE, PER_PHASE);
      await until('the second member to get partitions', () =>
        deliveries.some((delivery) => delivery.member === 'second'),
      );
      await members.shift()!.stop();
      await appendMarks(fixture.store, 'order', STREAMS, PER_PHASE, 2 * PER_PHASE);
      await until('every event', async () => (await tallyTotals(tally)).events === total, 45_000);
    } finally {
      await Promise.all(members.map((consumer) => consumer.stop()));
    }

    expect(letters).toEqual([]);
    const totals = await tallyTotals(tally);
    const perStream = new Map<string, number[]>();
    for (const { streamId, version } of deliveries) {
      perStream.set(streamId, [...(perStream.get(streamId) ?? []), version]);
    }
    expect(perStream.size).toBe(STREAMS);
    for (const [streamId, versions] of perStream) {
      let highest = 0;
      for (const version of versions) {
        // A redelivery repeats an earlier version; a new version is always the next one.
        if (version > highest) expect(version).toBe(highest + 1);
        highest = Math.max(highest, version);
      }
      expect(highest).toBe(3 * PER_PHASE);
      expect(totals.versions[versionKey(streamId)]).toBe(3 * PER_PHASE);
    }
    const movedPartitions = [0, 1, 2, 3].filter((partition) =>
      ['first', 'second'].every((name) =>
        deliveries.some((delivery) => delivery.partition === partition && delivery.member === name),
      ),
    );
    expect(movedPartitions.length).toBeGreaterThan(0);
    console.log(
      `rebalance figures ${JSON.stringify({
        events: total,
        deliveries: deliveries.length,
        redelivered: deliveries.length - total,
        byMember: {
          first: deliveries.filter((delivery) => delivery.member === 'first').length,
          second: deliveries.filter((delivery) => delivery.member === 'second').length,
        },
        partitionsThatMoved: movedPartitions.length,
      })}`,
    );
  });
});
