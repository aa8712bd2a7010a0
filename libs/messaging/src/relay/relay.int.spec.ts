import { journalRegistry } from '@ejournal/contracts';
import { createTestDatabase, requireInfra, testTopic } from '@ejournal/testing';
import { Client } from 'pg';
import type { Publisher } from '../port/message-bus.port';
import { kafkaFixture, type KafkaFixture } from '../testing/kafka-fixture';
import { appendMarks, markRecorded } from '../testing/sample-events';
import { storeFixture, type StoreFixture } from '../testing/store-fixture';
import { until } from '../testing/until';
import { deadLetterTopic } from '../topics/topic-names';
import { ENVELOPE_HEADERS } from './event-message';
import { PostgresRelayLease } from './postgres-relay-lease';
import { startRelay, type Relay } from './start-relay';

jest.setTimeout(60_000);

describe('the outbox relay (real PostgreSQL and Kafka)', () => {
  let fixture: StoreFixture;
  let kafka: KafkaFixture;
  let publisher: Publisher;
  const relays: Relay[] = [];

  beforeAll(async () => {
    const { KAFKA_BROKERS } = await requireInfra(['DATABASE_URL', 'KAFKA_BROKERS']);
    fixture = await storeFixture(await createTestDatabase('messaging relay'));
    kafka = await kafkaFixture(KAFKA_BROKERS, 'relay-test');
    publisher = await kafka.bus.publisher();
  });

  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    await publisher?.close();
    await kafka?.close();
    await fixture?.drop();
  });

  const relay = (topic: string, onError?: (error: unknown) => void) => {
    const started = startRelay({
      store: fixture.relayStore,
      publisher,
      topic,
      batchSize: 7,
      lease: new PostgresRelayLease({ connectionString: fixture.appUrl, name: topic, retryMs: 50 }),
      ...(onError ? { onError } : {}),
    });
    relays.push(started);
    return started;
  };

  it('publishes every event as stored, keyed by stream, with the envelope in headers', async () => {
    const topic = testTopic('relay as stored');
    await kafka.createTopic(topic, 3);
    const v1Mark = {
      ...markRecorded(0, 'school-0'),
      schemaVersion: 1,
      causationId: '0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c80',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      data: { markId: 'mark-0', lessonId: 'lesson-0', pupilId: 'pupil-0', value: '5' },
    };
    await fixture.store.append('journal-stored', 'noStream', [v1Mark]);
    const streams = await appendMarks(fixture.store, 'stored', 3, 10);
    relay(topic);

    const messages = await kafka.readTopic(topic, 31);
    const stored = new Map(
      (await fixture.relayStore.readAll({ txId: '0', position: '0' }, { limit: 1000 })).entries.map(
        ({ event }) => [event.eventId, event],
      ),
    );
    expect(messages).toHaveLength(stored.size);
    for (const message of messages) {
      const event = stored.get(message.headers['eventId']!)!;
      expect(message.key).toBe(event.streamId);
      expect(message.value!.toString()).toBe(JSON.stringify(event));
      for (const name of ENVELOPE_HEADERS) {
        if (event[name] !== null) expect(message.headers[name]).toBe(String(event[name]));
      }
    }
    const old = messages.find((message) => message.key === 'journal-stored')!;
    expect(JSON.parse(old.value!.toString())).toMatchObject({
      schemaVersion: 1,
      data: v1Mark.data,
    });
    expect(journalRegistry.upcast(JSON.parse(old.value!.toString())).schemaVersion).toBe(2);
    expect(old.headers).toMatchObject({
      causationId: v1Mark.causationId,
      traceparent: v1Mark.traceparent,
    });

    for (const streamId of streams) {
      const ofStream = messages.filter((message) => message.key === streamId);
      expect(new Set(ofStream.map((message) => message.partition)).size).toBe(1);
      const versions = ofStream
        .sort((a, b) => Number(a.offset) - Number(b.offset))
        .map((message) => Number(message.headers['streamVersion']));
      expect(versions).toEqual(Array.from({ length: 10 }, (_, index) => index + 1));
    }
  });

  it('lets one replica publish at a time and hands over on stop', async () => {
    const topic = testTopic('relay single');
    await kafka.createTopic(topic, 1);
    const first = relay(topic);
    const second = relay(topic);
    await until('a leader', () => first.isLeader() || second.isLeader());
    const [leader, standby] = first.isLeader() ? [first, second] : [second, first];
    expect(standby.isLeader()).toBe(false);
    await appendMarks(fixture.store, 'single', 2, 10);
    const total = await fixture.eventCount();
    await until('everything published', async () => (await kafka.countMessages(topic)) === total);

    await leader.stop();
    await until('the standby to take over', () => standby.isLeader());
    await appendMarks(fixture.store, 'single', 2, 10, 10);
    const after = await fixture.eventCount();
    await until('the rest published', async () => (await kafka.countMessages(topic)) === after);
    expect(await kafka.countMessages(deadLetterTopic(topic))).toBe(0);
  });

  it('stops publishing when its lock session dies, then takes the lock again', async () => {
    const topic = testTopic('relay lease lost');
    await kafka.createTopic(topic, 1);
    const errors: unknown[] = [];
    const running = relay(topic, (error) => errors.push(error));
    await until('the relay to lead', () => running.isLeader());
    const admin = new Client({ connectionString: fixture.adminUrl });
    await admin.connect();
    try {
      const killed = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`,
        [`relay ${topic}`.slice(0, 63)],
      );
      expect(killed.rowCount).toBe(1);
    } finally {
      await admin.end();
    }
    await until('the loss to be noticed', () => errors.length > 0);
    await until('the relay to lead again', () => running.isLeader());
    await appendMarks(fixture.store, 'lost', 1, 5);
    const total = await fixture.eventCount();
    await until('everything published', async () => (await kafka.countMessages(topic)) >= total);
    const ids = (await kafka.readTopic(topic, total)).map((message) => message.headers['eventId']);
    expect(new Set(ids).size).toBe(total);
  });

  it('provisions topics idempotently', async () => {
    const topic = testTopic('provisioning');
    await kafka.createTopic(topic, 4);
    expect((await kafka.admin.endOffsets(topic)).size).toBe(4);
    expect((await kafka.admin.endOffsets(deadLetterTopic(topic))).size).toBe(4);
    const again = await kafka.admin.ensureTopics([
      { topic, partitions: 4, replicationFactor: 1 },
      { topic: deadLetterTopic(topic), partitions: 4, replicationFactor: 1 },
    ]);
    expect(again.created).toEqual([]);
  });
});
