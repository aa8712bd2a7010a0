import { journalRegistry } from '@ejournal/contracts';
import { PostgresEventStore } from '@ejournal/event-store';
import {
  PostgresRelayLease,
  startConsumer,
  startRelay,
  withoutUpcasting,
  type Relay,
} from '@ejournal/messaging';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile, perSecond, runConcurrently } from '../measure';
import { createBenchDatabase } from '../event-store/bench-database';
import { markBatch } from '../event-store/sample-events';
import { createBenchKafka } from './bench-kafka';
import { rawPublishRate, rawReadRate } from './baselines';
import { appendSteadily } from './steady-appender';

// Many journals with a few events each, as a school day leaves them (not one huge stream).
const BACKLOG_APPEND = 10;
const size = (variable: string, fallback: number) => Number(process.env[variable] ?? fallback);
const log = (message: string) => process.stderr.write(`[bench messaging] ${message}\n`);

/**
 * Relay throughput from a backlog (beside the store's raw read rate and the producer's raw
 * rate for the same messages), consumer throughput from that backlog, then the
 * append-to-consumed lag while events are appended at a steady rate.
 */
export async function benchMessaging() {
  const backlog = size('BENCH_RELAY_EVENTS', 100_000);
  const batchSize = size('BENCH_RELAY_BATCH', 1000);
  const lagRate = size('BENCH_LAG_RATE', 1000);
  const lagSeconds = size('BENCH_LAG_SECONDS', 15);
  const db = await createBenchDatabase(10);
  // The forced DROP DATABASE at the end may terminate a pooled client that pool.end() left.
  for (const pool of [db.appPool, db.adminPool]) pool.on('error', () => undefined);
  const kafka = await createBenchKafka(size('BENCH_PARTITIONS', 6));
  const store = new PostgresEventStore({ pool: db.appPool, schemas: journalRegistry });
  const relayStore = new PostgresEventStore({
    pool: db.appPool,
    schemas: withoutUpcasting(journalRegistry),
  });
  const publisher = await kafka.bus.publisher();
  const appUrl = appUrlOf(db.appPool.options.connectionString);
  let relay: Relay | undefined;
  try {
    log(`appending a backlog of ${backlog} events, ${BACKLOG_APPEND} per journal stream`);
    await runConcurrently(8, Math.ceil(backlog / BACKLOG_APPEND), async (iteration) => {
      const first = iteration * BACKLOG_APPEND;
      const events = markBatch(first, Math.min(BACKLOG_APPEND, backlog - first));
      await store.append(`journal-backlog-${iteration}`, 'noStream', events);
    });

    log('raw rates: store pages, then producer batches of the same messages');
    const read = await rawReadRate(relayStore, batchSize);
    const rawPublishPerSec = await rawPublishRate(
      publisher,
      `${kafka.topic}.raw`,
      read.sample,
      backlog,
    );

    log(`relay: publishing the backlog in pages of ${batchSize}`);
    let published = 0;
    let drained: () => void = () => undefined;
    const relayDone = new Promise<void>((resolve) => (drained = resolve));
    const relayStarted = performance.now();
    relay = startRelay({
      store: relayStore,
      publisher,
      topic: kafka.topic,
      batchSize,
      lease: new PostgresRelayLease({ connectionString: appUrl, name: 'bench' }),
      afterPublish: async (page) => {
        published += page.entries.length;
        if (published >= backlog) drained();
      },
      onError: (error) => log(`relay error: ${String(error)}`),
    });
    await relayDone;
    const relaySeconds = (performance.now() - relayStarted) / 1000;

    log('consumer: reading the backlog, then timing each event of the steady load');
    const lagsMs: number[] = [];
    let consumed = 0;
    let backlogConsumed: () => void = () => undefined;
    const consumeDone = new Promise<void>((resolve) => (backlogConsumed = resolve));
    const consumeStarted = performance.now();
    const consumer = await startConsumer({
      bus: kafka.bus,
      groupId: `${kafka.topic}.bench`,
      topics: [kafka.topic],
      concurrency: 6,
      onDeadLetter: async (letter) => void log(`dead letter: ${letter.errorMessage}`),
      async handle(event) {
        consumed += 1;
        if (consumed === backlog) backlogConsumed();
        if (event.streamId.startsWith('journal-lag-')) {
          lagsMs.push(Date.now() - Date.parse(event.recordedAt));
        }
      },
    });
    await consumeDone;
    const consumeSeconds = (performance.now() - consumeStarted) / 1000;

    log(`steady load: ${lagRate} events/s for ${lagSeconds} s`);
    const appendStarted = performance.now();
    const appended = await appendSteadily(store, lagRate, lagSeconds);
    const achievedRate = perSecond(appended, (performance.now() - appendStarted) / 1000);
    for (let waited = 0; lagsMs.length < appended && waited < 30_000; waited += 50) await sleep(50);
    await consumer.stop();

    const relayPerSec = perSecond(backlog, relaySeconds);
    return {
      relay: {
        eventsPerSec: relayPerSec,
        p50LagMs: percentile(lagsMs, 50),
        p99LagMs: percentile(lagsMs, 99),
        backlogEvents: backlog,
        batchSize,
        rawReadEventsPerSec: read.eventsPerSec,
        rawPublishMessagesPerSec: rawPublishPerSec,
        target: '>= 10000 events/s; p99 lag < 500 ms',
      },
      consume: {
        eventsPerSec: perSecond(backlog, consumeSeconds),
        partitions: size('BENCH_PARTITIONS', 6),
      },
      lag: {
        appendedEvents: appended,
        consumedEvents: lagsMs.length,
        appendRatePerSec: achievedRate,
        maxLagMs: lagsMs.length > 0 ? Math.max(...lagsMs) : null,
        measures: 'recordedAt (store clock) to the consumer handler, same machine',
      },
    };
  } finally {
    await relay?.stop();
    await publisher.close();
    await Promise.all([store.close(), relayStore.close()]);
    await kafka.drop();
    await db.drop();
  }
}

function appUrlOf(connectionString: string | undefined): string {
  if (!connectionString) throw new Error('the bench pool has no connection string');
  return connectionString;
}
