import type { httpClient } from '@ejournal/testing';
import { Pool } from 'pg';
import { percentile } from '../measure';
import type { TokenIssuer } from '../journal/tokens';
import type { DiaryProcess } from './diary-process';
import { guardianOf } from './family-facts';

type Call = ReturnType<typeof httpClient>;

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

/** Unmeasured reads before the timed ones: both processes' code warm, as a running diary's is. */
const WARM_UP_SECONDS = 3;

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
 */
export async function readWeeks(
  call: Call,
  tokens: TokenIssuer,
  diary: DiaryProcess,
  pupils: string[],
  seconds: number,
) {
  const settled = await settleWeeks(diary);
  // Each parent's token signed before the clock runs (the issuer keeps it): signing is the
  // bench's own work, not the diary's.
  const tokenOf = new Map<string, string>();
  for (const pupilId of pupils)
    tokenOf.set(pupilId, await tokens.token(guardianOf(pupilId), 'parent'));
  let refused: Record<string, number> = {};
  const read = async (n: number) => {
    const pupilId = pupils[(n * 7919) % pupils.length] as string;
    const answer = await call('GET', `/pupils/${pupilId}/diary`, { token: tokenOf.get(pupilId) });
    if (answer.status !== 200) refused[answer.status] = (refused[answer.status] ?? 0) + 1;
  };
  const warmUpReads = (await closedLoops(8, WARM_UP_SECONDS, read)).length;
  refused = {};
  const httpMs = await closedLoops(8, seconds, read);
  const ids = (
    await diary
      .weeks()
      .find({}, { projection: { _id: 1 } })
      .toArray()
  ).map((each) => each._id);
  const rawMs = await closedLoops(8, Math.max(2, seconds / 2), async (n) => {
    await diary.weeks().findOne({ _id: ids[(n * 7919) % ids.length] });
  });
  return {
    week: {
      p50Ms: percentile(httpMs, 50),
      p99Ms: percentile(httpMs, 99),
      reads: httpMs.length,
      refused,
      storeWeeks: ids.length,
      warmUpReads,
      measuredAfter: settled ? 'VACUUM (ANALYZE) of the weeks table after seeding' : 'seeding',
      of: 'GET /pupils/{pupilId}/diary as the pupil’s parent, 8 concurrent, over HTTP',
    },
    ferretFindByIdP99Ms: percentile(rawMs, 99),
  };
}
