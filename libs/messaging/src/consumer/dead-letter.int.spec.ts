import { createTestDatabase, requireInfra, testMongoUrl, testTopic } from '@ejournal/testing';
import mongoose, { type Connection } from 'mongoose';
import { quarantineAndRebuild } from '../read-model/quarantine-and-rebuild';
import { versionKey } from '../read-model/version-key';
import { PostgresRelayLease } from '../relay/postgres-relay-lease';
import { startRelay, type Relay } from '../relay/start-relay';
import { kafkaFixture, type KafkaFixture } from '../testing/kafka-fixture';
import { appendMarks } from '../testing/sample-events';
import { projectIntoTally, schoolTallyModel, tallyTotals } from '../testing/school-tally';
import { storeFixture, type StoreFixture } from '../testing/store-fixture';
import { until } from '../testing/until';
import { DEAD_LETTER_HEADERS as DLQ, type DeadLetter } from './dead-letter';
import { startConsumer } from './start-consumer';
import type { Publisher } from '../port/message-bus.port';
import { deadLetterTopic } from '../topics/topic-names';

jest.setTimeout(60_000);

describe('poison messages (real Kafka, PostgreSQL and MongoDB API)', () => {
  let fixture: StoreFixture;
  let kafka: KafkaFixture;
  let mongo: Connection;
  let publisher: Publisher;
  let relay: Relay;
  const topic = testTopic('dead letter');

  beforeAll(async () => {
    const { KAFKA_BROKERS } = await requireInfra();
    fixture = await storeFixture(await createTestDatabase('messaging dlq'));
    kafka = await kafkaFixture(KAFKA_BROKERS, 'dead-letter-test');
    mongo = await mongoose.createConnection(testMongoUrl('messaging dlq').url).asPromise();
    await kafka.createTopic(topic, 1);
    publisher = await kafka.bus.publisher();
  });

  afterAll(async () => {
    await relay?.stop();
    await publisher?.close();
    await mongo?.dropDatabase();
    await mongo?.close();
    await kafka?.close();
    await fixture?.drop();
  });

  it('retries, dead-letters with the error in headers, moves on, and rebuilds', async () => {
    await publisher.publish(topic, [
      { key: 'journal-garbled', value: 'not an event', headers: { streamId: 'journal-garbled' } },
    ]);
    const [poisoned, healthy] = await appendMarks(fixture.store, 'dlq', 2, 5);
    const poison = (await fixture.store.readStream(poisoned!))[1]!;
    relay = startRelay({
      store: fixture.relayStore,
      publisher,
      topic,
      lease: new PostgresRelayLease({ connectionString: fixture.appUrl, name: topic }),
    });

    const tally = schoolTallyModel(mongo);
    const attemptsOnPoison: number[] = [];
    const handled: string[] = [];
    const letters: DeadLetter[] = [];
    const quarantinedSeen: string[] = [];
    const readModel = quarantineAndRebuild({
      models: [tally],
      async rebuild(streamId) {
        for (const event of await fixture.store.readStream(streamId)) {
          await projectIntoTally(tally, event);
        }
      },
    });
    const consumer = await startConsumer({
      bus: kafka.bus,
      groupId: `${topic}.tally`,
      topics: [topic],
      retry: { attempts: 3, minDelayMs: 20, maxDelayMs: 50 },
      async handle(event, { attempt }) {
        if (event.eventId === poison.eventId) {
          attemptsOnPoison.push(attempt);
          throw new Error('projection bug: cannot apply this mark');
        }
        handled.push(event.eventId);
        await projectIntoTally(tally, event);
      },
      async onDeadLetter(letter) {
        letters.push(letter);
        await readModel.onDeadLetter(letter);
        const school = await tally.findById('school-0').lean();
        if (school?.quarantine?.[versionKey(poisoned!)]) quarantinedSeen.push(poisoned!);
      },
    });
    try {
      await until('the healthy stream', async () => {
        const totals = await tallyTotals(tally);
        return totals.versions[versionKey(healthy!)] === 5;
      });
      await until('the rebuild of the poisoned stream', async () => {
        await readModel.idle();
        const totals = await tallyTotals(tally);
        return totals.versions[versionKey(poisoned!)] === 5 && totals.quarantined === 0;
      });
    } finally {
      await consumer.stop();
    }

    expect(attemptsOnPoison).toEqual([1, 2, 3]);
    expect(letters.map((letter) => [letter.streamId, letter.errorCode, letter.attempts])).toEqual(
      expect.arrayContaining([
        ['journal-garbled', 'MESSAGING.UNDECODABLE_MESSAGE', 1],
        [poisoned, 'MESSAGING.HANDLER_FAILED', 3],
      ]),
    );
    expect(quarantinedSeen).toContain(poisoned);
    const after = (await fixture.store.readStream(healthy!)).map((event) => event.eventId);
    expect(handled).toEqual(expect.arrayContaining(after));
    expect((await tallyTotals(tally)).events).toBe(10);

    const parked = await kafka.readTopic(deadLetterTopic(topic), letters.length);
    const garbled = parked.find((message) => message.key === 'journal-garbled')!;
    expect(garbled.value?.toString()).toBe('not an event');
    expect(garbled.headers).toMatchObject({
      [DLQ.errorCode]: 'MESSAGING.UNDECODABLE_MESSAGE',
      [DLQ.topic]: topic,
      [DLQ.partition]: '0',
      [DLQ.offset]: '0',
      [DLQ.attempts]: '1',
      [DLQ.groupId]: `${topic}.tally`,
    });
    const poisonMessage = parked.find((message) => message.headers['eventId'] === poison.eventId)!;
    expect(JSON.parse(poisonMessage.value!.toString())).toMatchObject({ eventId: poison.eventId });
    expect(poisonMessage.headers).toMatchObject({
      [DLQ.errorCode]: 'MESSAGING.HANDLER_FAILED',
      [DLQ.errorMessage]: 'projection bug: cannot apply this mark',
      [DLQ.topic]: topic,
      [DLQ.attempts]: '3',
      streamId: poisoned,
      streamVersion: '2',
    });
    expect(Number(poisonMessage.headers[DLQ.offset])).toBeGreaterThan(0);
  });
});
