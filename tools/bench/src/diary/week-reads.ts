import { Pool } from 'pg';
import { percentile, perSecond } from '../measure';
import { readInThread, type ThreadRead } from '../timed-reads/reads-in-thread';
import { timedReads } from '../timed-reads/timed-reads';
import type { TokenIssuer } from '../journal/tokens';
import type { DiaryProcess } from './diary-process';
import { guardianOf } from './family-facts';

/**
 * Brings the read store to `target` week documents: copies of a week the diary's own
 * projection wrote, re-keyed to synthetic pupils, inserted in bulk (insertMany of 1,000).
 * Answers how many it inserted.
 */
export async function seedWeeks(diary: DiaryProcess, target: number): Promise<number> {
  const weeks = diary.weeks();
  const template = await weeks.findOne({});
  if (!template) throw new Error('no week written by the diary yet');
  const have = await weeks.countDocuments();
  const week = String(template['week']);
  let inserted = 0;
  while (have + inserted < target) {
    const count = Math.min(1000, target - have - inserted);
    const documents = Array.from({ length: count }, (_, i) => {
      const pupilId = `seeded-pupil-${inserted + i}`;
      return { ...template, _id: `${pupilId}|${week}`, pupilId };
    });
    await weeks.insertMany(documents as never[], { ordered: false });
    inserted += count;
  }
  return inserted;
}

/**
 * What autovacuum does after a bulk load, done before measuring (as the journal bench's
 * lookups do): FerretDB's table of weeks VACUUMed and ANALYZEd, so the reads are not timed
 * against a maintenance run that the seeding started. Nothing on MongoDB.
 */
async function settleWeeks(diary: DiaryProcess): Promise<boolean> {
  const postgresUrl = process.env['READ_STORE_POSTGRES_URL'];
  if (!postgresUrl) return false;
  const schema = diary.weeks().dbName;
  const pool = new Pool({ connectionString: postgresUrl, max: 1 });
  try {
    const { rows } = await pool.query<{ table: string }>(
      `SELECT _jsonb->>'table' AS table FROM "${schema}"._ferretdb_database_metadata
        WHERE _jsonb->>'_id' = 'diary_weeks'`,
    );
    if (!rows[0]) return false;
    await pool.query(`VACUUM (ANALYZE) "${schema}"."${rows[0].table}"`);
    return true;
  } finally {
    await pool.end();
  }
}

/** Unmeasured reads on the reading thread before the timed ones. */
const WARM_UP_READS = 600;

/** `items` in an order of their own (a fixed shuffle, so runs read alike). */
function shuffled<T>(items: readonly T[]): T[] {
  return items
    .map((item, i) => ({ item, rank: (i * 7919) % items.length }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ item }) => item);
}

/** `work` on `concurrency` closed loops for `seconds`: each call's time. */
async function closedLoops(
  concurrency: number,
  seconds: number,
  work: (n: number) => Promise<void>,
) {
  const until = performance.now() + seconds * 1000;
  const latenciesMs: number[] = [];
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const begin = performance.now();
        await work((n += 1));
        latenciesMs.push(performance.now() - begin);
      }
    }),
  );
  return latenciesMs;
}

/**
 * Parents reading their child's week (`GET /pupils/{pupilId}/diary`, this week) over HTTP, 8
 * at a time, beside what FerretDB alone takes for the same `_id` lookup of a random week.
 * Each parent's week is read once first (her token verified and kept by the diary, as on a
 * parent's first read of an evening) and its answer kept; the timed reads then run on a
 * thread of their own (timed-reads: Node's HTTP client, kept-alive connections), each from
 * sending to the last byte, compared byte for byte with the answer kept.
 */
export async function readWeeks(
  baseUrl: string,
  tokens: TokenIssuer,
  diary: DiaryProcess,
  pupils: string[],
  total: number,
) {
  const settled = await settleWeeks(diary);
  const client = timedReads(baseUrl);
  const reads: ThreadRead[] = [];
  try {
    for (const pupilId of shuffled(pupils)) {
      const token = await tokens.token(guardianOf(pupilId), 'parent');
      const url = `/pupils/${pupilId}/diary`;
      await client.learn(url, token);
      reads.push({ url, token, answer: client.answerOf(url, token) as Buffer });
    }
  } finally {
    client.close();
  }
  const timed = await readInThread({
    baseUrl,
    reads,
    concurrency: 8,
    warmUp: WARM_UP_READS,
    total,
  });
  const ids = (
    await diary
      .weeks()
      .find({}, { projection: { _id: 1 } })
      .toArray()
  ).map((each) => each._id);
  const rawMs = await closedLoops(8, Math.max(2, timed.seconds / 2), async (n) => {
    await diary.weeks().findOne({ _id: ids[(n * 7919) % ids.length] });
  });
  return {
    week: {
      p50Ms: percentile(timed.latenciesMs, 50),
      p99Ms: percentile(timed.latenciesMs, 99),
      reads: timed.latenciesMs.length,
      readsPerSec: perSecond(timed.latenciesMs.length, timed.seconds),
      storeWeeks: ids.length,
      parents: reads.length,
      warmUpReads: WARM_UP_READS,
      measuredAfter: settled ? 'VACUUM (ANALYZE) of the weeks table after seeding' : 'seeding',
      of: 'GET /pupils/{pupilId}/diary as the pupil’s parent, 8 concurrent, over HTTP, from sending to the last byte',
    },
    ferretFindByIdP99Ms: percentile(rawMs, 99),
  };
}
