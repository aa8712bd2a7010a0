import { createTestDatabase, requireInfra, testMongoUrl, testTopic } from '@ejournal/testing';
import mongoose, { type Connection } from 'mongoose';
import { Client } from 'pg';
import { startConsumer } from './consumer/start-consumer';
import { PostgresRelayLease } from './relay/postgres-relay-lease';
import { startRelay } from './relay/start-relay';
import { versionKey } from './read-model/version-key';
import { spawnScript, type Child } from './testing/child-process';
import { kafkaFixture, type KafkaFixture } from './testing/kafka-fixture';
import { lostLeaseAttempts } from './testing/lease-attempts';
import { appendMarks } from './testing/sample-events';
import { projectIntoTally, schoolTallyModel, tallyTotals } from './testing/school-tally';
import { storeFixture, type StoreFixture } from './testing/store-fixture';
import { until } from './testing/until';

jest.setTimeout(180_000);

const STREAMS = 10;
const PER_STREAM = 30;
const APPENDED = STREAMS * PER_STREAM;
const BATCH = 50;

describe('crash safety (real PostgreSQL, Kafka and MongoDB API)', () => {
  let brokers: string;
  const fixtures: StoreFixture[] = [];
  const children: Child[] = [];
  const spawn = (script: string, env: Record<string, string>) => {
    const child = spawnScript(script, env);
    children.push(child);
    return child;
  };
  let kafka: KafkaFixture;
  let mongo: Connection;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    brokers = (await requireInfra()).KAFKA_BROKERS;
    kafka = await kafkaFixture(brokers, 'crash-safety-test');
    mongo = await mongoose.createConnection(testMongoUrl('messaging crash').url).asPromise();
  });

  async function newStore(label: string): Promise<StoreFixture> {
    const fixture = await storeFixture(await createTestDatabase(label));
    fixtures.push(fixture);
    return fixture;
  }

  afterAll(async () => {
    children.forEach((child) => child.kill('SIGKILL'));
    await Promise.all(children.map((child) => child.exited));
    console.log(`crash-safety figures ${JSON.stringify(figures)}`);
    await mongo?.dropDatabase();
    await mongo?.close();
    await kafka?.close();
    await Promise.all(fixtures.map((fixture) => fixture.drop()));
  });

  it('relay killed between the broker ack and the checkpoint: republished, applied once', async () => {
    const fixture = await newStore('relay crash');
    const topic = testTopic('relay crash');
    await kafka.createTopic(topic, 3);
    const streams = await appendMarks(fixture.store, 'relay', STREAMS, PER_STREAM);
    const env = {
      APP_DATABASE_URL: fixture.appUrl,
      KAFKA_BROKERS: brokers,
      TOPIC: topic,
      RELAY_NAME: topic,
      BATCH_SIZE: String(BATCH),
    };

    const crashing = spawn('relay-process.ts', { ...env, CRASH_AFTER_BATCHES: '2' });
    await crashing.waitFor((report) => report['batches'] === 2);
    const standby = spawn('relay-process.ts', env);
    await standby.waitFor((report) => report['started'] === true);
    // Not a pause: PostgreSQL shows the standby trying for the lock, and trying again.
    const observer = new Client({ connectionString: fixture.appUrl });
    await observer.connect();
    const attempts = new Set<string>();
    try {
      await until('the standby to be refused the lease twice', async () => {
        (await lostLeaseAttempts(observer, `relay ${topic}`)).forEach((at) => attempts.add(at));
        return attempts.size >= 2;
      });
    } finally {
      await observer.end();
    }
    expect(standby.reports.some((report) => report['leader'] === true)).toBe(false);

    crashing.write('crash');
    expect((await crashing.exited).signal).toBe('SIGKILL');
    await standby.waitFor((report) => report['leader'] === true);
    // The relay publishes only below the cluster's oldest running transaction (see the event
    // store's safe order), so another suite's long transaction in the same PostgreSQL can hold
    // the catch-up back for a while: the bound is the one of a busy CI machine, not a latency.
    await until(
      'the standby relay to catch up',
      async () => (await fixture.relayCheckpoint(topic)) === (await fixture.lastInSafeOrder()),
      120_000,
    ).catch(async (error: Error) => {
      // Name what the standby reported: a catch-up timed out once in a full CI run.
      const errors = standby.reports.filter((report) => report['error'] !== undefined);
      const holding = await fixture.oldTransactions();
      throw new Error(
        `${error.message}; standby reported ${JSON.stringify(errors)}; ` +
          `old transactions in the cluster: ${holding}`,
      );
    });
    standby.kill('SIGTERM');
    expect(await standby.exited).toMatchObject({ code: 0, signal: null });

    const published = await kafka.countMessages(topic);
    expect(published).toBe(APPENDED + BATCH);

    const tally = schoolTallyModel(mongo.useDb(`${mongo.name}_relay`));
    const seen = new Set<string>();
    let consumed = 0;
    let duplicates = 0;
    const consumer = await startConsumer({
      bus: kafka.bus,
      groupId: `${topic}.tally`,
      topics: [topic],
      async handle(event) {
        consumed += 1;
        seen.add(event.eventId);
        if ((await projectIntoTally(tally, event)) === 'duplicate') duplicates += 1;
      },
      onDeadLetter: async (letter) => {
        throw new Error(`unexpected dead letter: ${letter.errorMessage}`);
      },
    });
    await until('every published message to be consumed', () => consumed >= published);
    await consumer.stop();

    const totals = await tallyTotals(tally);
    expect(totals.events).toBe(APPENDED);
    for (const streamId of streams) expect(totals.versions[versionKey(streamId)]).toBe(PER_STREAM);
    expect(seen.size).toBe(APPENDED);
    expect(duplicates).toBe(published - APPENDED);
    figures['relay'] = {
      appended: APPENDED,
      published,
      consumedMessages: consumed,
      consumedUnique: seen.size,
      duplicatesSeen: duplicates,
      readModelEvents: totals.events,
    };
  });

  it('consumer killed after processing and before commit: redelivered, applied once', async () => {
    const fixture = await newStore('consumer crash');
    const topic = testTopic('consumer crash');
    await kafka.createTopic(topic, 3);
    const streams = await appendMarks(fixture.store, 'consumer', STREAMS, PER_STREAM);
    const publisher = await kafka.bus.publisher();
    const relay = startRelay({
      store: fixture.relayStore,
      publisher,
      lease: new PostgresRelayLease({ connectionString: fixture.appUrl, name: topic }),
      topic,
    });
    try {
      await until('the relay', async () => (await kafka.countMessages(topic)) === APPENDED);
    } finally {
      await relay.stop();
      await publisher.close();
    }

    const readModelUrl = testMongoUrl('consumer crash').url;
    const groupId = `${topic}.tally`;
    const env = {
      KAFKA_BROKERS: brokers,
      TOPIC: topic,
      GROUP_ID: groupId,
      READ_MODEL_URL: readModelUrl,
    };
    const crashing = spawn('consumer-process.ts', { ...env, CRASH_AT_BATCH: '2' });
    expect((await crashing.exited).signal).toBe('SIGKILL');
    const beforeCrash = crashing.reports.filter((report) => 'processedBatch' in report).at(-1)!;
    const committedBeforeRestart = await kafka.committedCount(groupId, topic);

    const restarted = spawn('consumer-process.ts', env);
    const readModel = await mongoose.createConnection(readModelUrl).asPromise();
    try {
      const tally = schoolTallyModel(readModel);
      await until('the read model to hold every event', async () => {
        return (await tallyTotals(tally)).events === APPENDED;
      });
      await until('every offset to be committed', async () => {
        return (await kafka.committedCount(groupId, topic)) === APPENDED;
      });
      restarted.kill('SIGTERM');
      expect(await restarted.exited).toMatchObject({ code: 0, signal: null });
      const final = restarted.reports.find((report) => report['stopped'] === true)!;
      expect(await kafka.admin.describeGroup(groupId)).toEqual({ state: 'Empty', members: 0 });

      const totals = await tallyTotals(tally);
      expect(totals.events).toBe(APPENDED);
      for (const streamId of streams) {
        expect(totals.versions[versionKey(streamId)]).toBe(PER_STREAM);
      }
      expect(final['duplicates']).toBeGreaterThan(0);
      expect(committedBeforeRestart).toBeGreaterThan(0);
      expect(final['handled']).toBe(APPENDED - committedBeforeRestart);
      expect(Number(beforeCrash['applied']) + Number(final['applied'])).toBe(APPENDED);
      figures['consumer'] = {
        appended: APPENDED,
        published: await kafka.countMessages(topic),
        processedBeforeCrash: beforeCrash['handled'],
        committedBeforeCrash: committedBeforeRestart,
        handledAfterRestart: final['handled'],
        duplicatesSeen: final['duplicates'],
        consumedUnique: totals.events,
      };
    } finally {
      await readModel.dropDatabase();
      await readModel.close();
    }
  });
});
