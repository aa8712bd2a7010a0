import { ensureLookups, lookupPlan } from '@ejournal/read-store';
import mongoose from 'mongoose';
import { Pool } from 'pg';
import { percentile, round, runConcurrently } from '../measure';

const LOOKUPS = [{ collection: 'cells', keys: ['journalId', 'markId'] }];
const CHUNK = 1000;
const FINDS = 2000;

interface Cell {
  _id: string;
  journalId: string;
  markId: string;
  lessonId: string;
  pupilId: string;
  entries: { type: string; value: string; recordedAt: string }[];
}

/** A cell-history-sized document (~350 bytes): the read models' commonest shape. */
const cell = (i: number): Cell => ({
  _id: `journal-${Math.floor(i / 5000)}|lesson-${Math.floor(i / 30) % 170}|pupil-${i % 30}-${i}`,
  journalId: `journal-${Math.floor(i / 5000)}`,
  markId: `mark-${i}`,
  lessonId: `lesson-${Math.floor(i / 30) % 170}`,
  pupilId: `pupil-${i % 30}`,
  entries: [
    { type: 'MarkRecorded', value: String(2 + (i % 4)), recordedAt: new Date(i).toISOString() },
  ],
});

/**
 * The read store's lookups as a collection grows: one collection with its lookup keys declared
 * (libs/read-store), filled to `small` documents, then to `large`; at each size findOne by
 * `_id` and by another unique key (`markId`, as the mark→cell lookups), 10 at a time, and the
 * plan the server reports.
 * A lookup served by an index costs the same at both sizes; a scan grows with the collection.
 */
export async function lookupScale(
  url: string,
  postgresUrl: string | undefined,
  small: number,
  large: number,
  log: (message: string) => void,
) {
  const mongo = await mongoose.createConnection(url).asPromise();
  try {
    const db = mongo.db as NonNullable<typeof mongo.db>;
    const lookups = await ensureLookups(mongo, LOOKUPS, { postgresUrl });
    const cells = db.collection<Cell>('cells');
    let stored = 0;
    const fill = async (size: number) => {
      const begun = performance.now();
      const chunks: number[] = [];
      for (let start = stored; start < size; start += CHUNK) chunks.push(start);
      await runConcurrently(4, chunks.length, async (index) => {
        const start = chunks[index] as number;
        const count = Math.min(CHUNK, size - start);
        await cells.insertMany(Array.from({ length: count }, (_, i) => cell(start + i)));
      });
      const inserted = size - stored;
      stored = size;
      return round(inserted / ((performance.now() - begun) / 1000), 0);
    };
    // What autovacuum does after a bulk load, done before measuring so the figure is the
    // lookup's own cost, not that of a maintenance run starting in the middle of it.
    const settle = async () => {
      if (!postgresUrl) return;
      const pool = new Pool({ connectionString: postgresUrl, max: 1 });
      try {
        const { rows } = await pool.query<{ table: string }>(
          `SELECT _jsonb->>'table' AS table FROM "${db.databaseName}"._ferretdb_database_metadata
            WHERE _jsonb->>'_id' = 'cells'`,
        );
        if (rows[0]) await pool.query(`VACUUM (ANALYZE) "${db.databaseName}"."${rows[0].table}"`);
      } finally {
        await pool.end();
      }
    };
    const measure = async (size: number) => {
      await settle();
      const byId = await runConcurrently(10, FINDS, async (i) => {
        const found = await cells.findOne({ _id: cell((i * 7919) % size)._id });
        if (!found) throw new Error('a stored document was not found by _id');
      });
      const byKey = await runConcurrently(10, FINDS, async (i) => {
        const found = await cells.findOne({ markId: cell((i * 7919) % size).markId });
        if (!found) throw new Error('a stored document was not found by its keys');
      });
      const [idPlan, keyPlan] = await Promise.all([
        lookupPlan(db, 'cells', { _id: cell(1)._id }),
        lookupPlan(db, 'cells', { markId: cell(1).markId }),
      ]);
      return {
        documents: size,
        findOneById: {
          p50Ms: percentile(byId.latenciesMs, 50),
          p99Ms: percentile(byId.latenciesMs, 99),
        },
        findOneByKey: {
          p50Ms: percentile(byKey.latenciesMs, 50),
          p99Ms: percentile(byKey.latenciesMs, 99),
        },
        plans: {
          byId: idPlan.nodes,
          byKey: keyPlan.nodes,
          indexed: idPlan.indexed && keyPlan.indexed,
        },
      };
    };
    log(`lookups: ${small} documents`);
    const smallInsertPerSec = await fill(small);
    const atSmall = await measure(small);
    log(`lookups: ${large} documents`);
    const largeInsertPerSec = await fill(large);
    const atLarge = await measure(large);
    const ratio = (of: 'findOneById' | 'findOneByKey') =>
      round(atLarge[of].p50Ms / Math.max(atSmall[of].p50Ms, 0.01), 2);
    return {
      server: lookups.kind,
      planCacheMode: lookups.planCacheMode ?? null,
      small: { ...atSmall, insertPerSec: smallInsertPerSec },
      large: { ...atLarge, insertPerSec: largeInsertPerSec },
      largeOverSmallP50: {
        findOneById: ratio('findOneById'),
        findOneByKey: ratio('findOneByKey'),
      },
      limit: 'the larger within 2x of the smaller (p50)',
      measuredAfter:
        'VACUUM (ANALYZE) of the table at each size, as autovacuum does after a bulk load',
      flat: ratio('findOneById') <= 2 && ratio('findOneByKey') <= 2,
    };
  } finally {
    await mongo.dropDatabase().catch(() => undefined);
    await mongo.close();
  }
}
