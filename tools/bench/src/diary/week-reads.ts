import type { httpClient } from '@ejournal/testing';
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
  const refused: Record<string, number> = {};
  const httpMs = await closedLoops(8, seconds, async (n) => {
    const pupilId = pupils[(n * 7919) % pupils.length] as string;
    const token = await tokens.token(guardianOf(pupilId), 'parent');
    const answer = await call('GET', `/pupils/${pupilId}/diary`, { token });
    if (answer.status !== 200) refused[answer.status] = (refused[answer.status] ?? 0) + 1;
  });
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
      of: 'GET /pupils/{pupilId}/diary as the pupil’s parent, 8 concurrent, over HTTP',
    },
    ferretFindByIdP99Ms: percentile(rawMs, 99),
  };
}
