import { journalRegistry } from '@ejournal/contracts';
import { PostgresEventStore } from '@ejournal/event-store';
import { percentile, perSecond, round, runConcurrently } from '../measure';
import { alternate } from './alternate';
import { createBenchDatabase } from './bench-database';
import { benchIntegrity } from './integrity.bench';
import { createRawTable, rawCopyRate, rawInsertRate } from './raw-baseline';
import { markBatch, markRecorded } from './sample-events';

const WRITERS = 32;
const size = (variable: string, fallback: number) => Number(process.env[variable] ?? fallback);
const log = (message: string) => process.stderr.write(`[bench event-store] ${message}\n`);

/**
 * Append and replay rates of the PostgreSQL event store, each beside the raw rate of the same
 * server, client and pool size: single-row INSERTs, 50-row INSERTs, COPY out. Single appends
 * run with and without the hash chain in alternating rounds (the unhashed ones in a database
 * of their own, since unhashed events cannot enter the Merkle log); the seeded store's log is
 * then built, signed, proved from and verified whole.
 */
export async function benchEventStore() {
  const appends = size('BENCH_APPENDS', 20_000);
  const batchEvents = size('BENCH_BATCH_EVENTS', 100_000);
  const replayEvents = size('BENCH_REPLAY_EVENTS', 1_000_000);
  const proofs = size('BENCH_PROOFS', 20_000);
  const db = await createBenchDatabase(WRITERS);
  const unhashedDb = await createBenchDatabase(WRITERS);
  const store = new PostgresEventStore({ pool: db.appPool, schemas: journalRegistry });
  const unhashed = new PostgresEventStore({
    pool: unhashedDb.appPool,
    schemas: journalRegistry,
    hashing: false,
  });
  try {
    await createRawTable(db.adminPool);
    log(`raw single-row inserts: ${appends} by ${WRITERS} clients`);
    const rawInsertPerSec = await rawInsertRate(db.adminPool, WRITERS, appends, 1);
    log(`single-event appends: ${appends} by ${WRITERS} writers, hashed and not, alternating`);
    const appendTo = (target: PostgresEventStore) => {
      const versions = new Array<number>(WRITERS).fill(0);
      return async (iteration: number, loop: number) => {
        const version = versions[loop] ?? 0;
        await target.append(`journal-single-${loop}`, version, [markRecorded(iteration)]);
        versions[loop] = version + 1;
      };
    };
    const [single, plain] = await alternate(
      10,
      appends,
      WRITERS,
      appendTo(store),
      appendTo(unhashed),
    );

    log(`raw 50-row inserts: ${batchEvents} rows`);
    const rawBatchRowsPerSec = await rawInsertRate(db.adminPool, WRITERS, batchEvents, 50);
    log(`50-event appends: ${batchEvents} events`);
    const batchVersions = new Array<number>(WRITERS).fill(0);
    const batch = await runConcurrently(WRITERS, batchEvents / 50, async (iteration, loop) => {
      const version = batchVersions[loop] ?? 0;
      await store.append(`journal-batch-${loop}`, version, markBatch(iteration * 50, 50));
      batchVersions[loop] = version + 50;
    });

    const seed = Math.max(0, replayEvents - appends - batchEvents);
    log(`seeding ${seed} more events for the replay`);
    await runConcurrently(4, Math.ceil(seed / 500), (iteration) =>
      store.append(`journal-seed-${iteration}`, 'noStream', markBatch(iteration * 500, 500)).then(),
    );

    log('replaying every event in global order through a subscription');
    const replay = await replayAll(store, replayEvents);
    log('raw COPY out of the events table');
    const copy = await rawCopyRate(db.adminPool);
    const integrity = await benchIntegrity(db.appPool, proofs);
    const hashedRate = perSecond(appends, single.seconds);
    const plainRate = perSecond(appends, plain.seconds);
    return {
      append: {
        eventsPerSec: hashedRate,
        p50Ms: percentile(single.latenciesMs, 50),
        p99Ms: percentile(single.latenciesMs, 99),
        rawInsertPerSec,
        ratio: round(perSecond(appends, single.seconds) / rawInsertPerSec, 2),
        target: '>= 0.5 x rawInsertPerSec',
      },
      appendNoHash: {
        eventsPerSec: plainRate,
        p50Ms: percentile(plain.latenciesMs, 50),
        p99Ms: percentile(plain.latenciesMs, 99),
        hashingCost: round(1 - hashedRate / plainRate, 3),
        target: 'hashingCost <= 0.15',
      },
      appendBatch50: {
        eventsPerSec: perSecond(batchEvents, batch.seconds),
        rawBatchRowsPerSec,
      },
      replay: {
        events: replay.events,
        eventsPerSec: replay.eventsPerSec,
        rawCopyRowsPerSec: copy.rowsPerSec,
        target: '>= 150000 events/s for 1M events',
      },
      proofs: integrity,
    };
  } finally {
    await Promise.all([store.close(), unhashed.close()]);
    await Promise.all([db.drop(), unhashedDb.drop()]);
  }
}

/** Events decoded, upcast and handed to a subscriber callback, per second. */
async function replayAll(store: PostgresEventStore, expected: number) {
  let events = 0;
  let lastType = '';
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const subscription = store.subscribe({
      name: 'bench-replay',
      batchSize: 5_000,
      onError: reject,
      handler: (event) => {
        events += 1;
        lastType = event.type;
        if (events === expected) void subscription.stop().then(resolve, reject);
      },
    });
  });
  const seconds = (performance.now() - started) / 1000;
  if (lastType !== 'MarkRecorded') throw new Error(`replay handed over ${lastType}`);
  return { events, eventsPerSec: perSecond(events, seconds) };
}
