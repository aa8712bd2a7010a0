import { journalRegistry } from '@ejournal/contracts';
import { PostgresEventStore } from '@ejournal/event-store';
import mongoose, { type Connection } from 'mongoose';
import { createBenchDatabase } from '../event-store/bench-database';
import { createRawTable, rawInsertRate } from '../event-store/raw-baseline';
import { markBatch } from '../event-store/sample-events';
import { percentile, perSecond, runConcurrently } from '../measure';

/** The journal service's pool size: as many appends as it can have in flight. */
const WRITERS = 20;

const summary = (run: { seconds: number; latenciesMs: number[] }) => ({
  p50Ms: percentile(run.latenciesMs, 50),
  p99Ms: percentile(run.latenciesMs, 99),
  perSec: perSecond(run.latenciesMs.length, run.seconds),
});

/**
 * PostgreSQL without the service, on a scratch database of the same server: single-row INSERT
 * transactions by WRITERS clients (the raw rate), then the event store's own appends (hash
 * chain, validation) of one MarkRecorded and of a 31-event lesson column, WRITERS at a time:
 * the floor of a command's append.
 */
export async function postgresLimits(appends = 4000, columns = 800) {
  const db = await createBenchDatabase(WRITERS);
  const store = new PostgresEventStore({ pool: db.appPool, schemas: journalRegistry });
  try {
    await createRawTable(db.adminPool);
    const rawInsertPerSec = await rawInsertRate(db.adminPool, WRITERS, appends, 1);
    const versions = new Array<number>(WRITERS * 2).fill(0);
    const appendOf = (size: number, offset: number) => async (iteration: number, loop: number) => {
      const stream = offset + loop;
      await store.append(`limit-${stream}`, versions[stream] ?? 0, markBatch(iteration, size));
      versions[stream] = (versions[stream] ?? 0) + size;
    };
    const single = await runConcurrently(WRITERS, appends, appendOf(1, 0));
    const column = await runConcurrently(WRITERS, columns, appendOf(31, WRITERS));
    return {
      rawInsertTxPerSec: rawInsertPerSec,
      storeAppend1: summary(single),
      storeAppend31: summary(column),
      writers: WRITERS,
    };
  } finally {
    await store.close();
    await db.drop();
  }
}

/**
 * FerretDB without the service, on a scratch database dropped before the service starts:
 * findOne by `_id` in a collection of 100 small documents, 10 at a time.
 */
export async function ferretLimits(url: string, finds = 5000) {
  const mongo = await mongoose.createConnection(url).asPromise();
  try {
    const scratch = mongo.collection('raw_limits');
    const documents = Array.from({ length: 100 }, (_, i) => ({ _id: `doc-${i}`, value: i }));
    await scratch.insertMany(documents as never[]);
    const run = await runConcurrently(10, finds, async (iteration) => {
      await scratch.findOne({ _id: `doc-${iteration % 100}` } as never);
    });
    await mongo.dropDatabase();
    return { findOneById: summary(run) };
  } finally {
    await mongo.close();
  }
}

const READ_MODELS = ['journals', 'grid_columns', 'cell_history', 'mark_cells'];

/**
 * The read store as the projector and the grid meet it after the history: each collection's
 * documents and a findOne by `_id` in it (FerretDB 1.x pushes `_id` equality down as a jsonb
 * containment its `_id` index cannot serve, so it scans), and the grid's own read of each year
 * journal: its columns by `journalId`, one journal at a time.
 */
export async function readStoreProbes(mongo: Connection, yearJournalIds: string[]) {
  const collections: Record<string, { documents: number; findByIdP50Ms: number }> = {};
  for (const name of READ_MODELS) {
    const collection = mongo.collection(name);
    const any = await collection.findOne({});
    const times: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      const begin = performance.now();
      await collection.findOne({ _id: any?._id } as never);
      times.push(performance.now() - begin);
    }
    const documents = await collection.estimatedDocumentCount();
    collections[name] = { documents, findByIdP50Ms: percentile(times, 50) };
  }
  const columns: number[] = [];
  for (const journalId of yearJournalIds) {
    const begin = performance.now();
    await mongo.collection('grid_columns').find({ journalId }).toArray();
    columns.push(performance.now() - begin);
  }
  return {
    collections,
    yearColumnsFind: { p50Ms: percentile(columns, 50), p99Ms: percentile(columns, 99) },
  };
}
