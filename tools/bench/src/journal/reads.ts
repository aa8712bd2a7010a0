import type { httpClient } from '@ejournal/testing';
import { percentile } from '../measure';
import type { HistoryJournal } from './history';
import type { TokenIssuer } from './tokens';

type Call = ReturnType<typeof httpClient>;

/** `concurrency` closed loops for `seconds`, each request on the next journal in turn. */
async function readFor(
  concurrency: number,
  seconds: number,
  journals: HistoryJournal[],
  read: (journal: HistoryJournal) => Promise<{ status: number }>,
) {
  const latenciesMs: number[] = [];
  let failures = 0;
  let next = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const journal = journals[next++ % journals.length] as HistoryJournal;
        const begin = performance.now();
        const answer = await read(journal);
        if (answer.status === 200) latenciesMs.push(performance.now() - begin);
        else failures += 1;
      }
    }),
  );
  return {
    p50Ms: percentile(latenciesMs, 50),
    p99Ms: percentile(latenciesMs, 99),
    reads: latenciesMs.length,
    failures,
    concurrency,
  };
}

/**
 * The live grid (read models) and the as-of grid (the stream folded up to an instant) of the
 * year journals, each read by its teacher; the live grid also one at a time (unloaded). The
 * as-of instant is the moment the journal's whole history had been recorded, so every read
 * folds the full year.
 */
export async function readGrids(
  call: Call,
  tokens: TokenIssuer,
  journals: HistoryJournal[],
  options: { seconds: number; gridConcurrency: number; asOfConcurrency: number },
) {
  const as = (journal: HistoryJournal) => tokens.token(journal.teacherId, 'teacher');
  const sample = await call('GET', `/journals/${journals[0]?.journalId}/grid`, {
    token: await as(journals[0] as HistoryJournal),
  });
  if (sample.status !== 200)
    throw new Error(`grid: ${sample.status} ${JSON.stringify(sample.body)}`);
  const readGrid = async (j: HistoryJournal) =>
    call('GET', `/journals/${j.journalId}/grid`, { token: await as(j) });
  const unloaded = await readFor(1, 3, journals, readGrid);
  const grid = await readFor(options.gridConcurrency, options.seconds, journals, readGrid);
  const asOf = await readFor(options.asOfConcurrency, options.seconds, journals, async (j) =>
    call('GET', `/journals/${j.journalId}/grid/as-of?at=${encodeURIComponent(j.recordedAt)}`, {
      token: await as(j),
    }),
  );
  return {
    grid: {
      ...grid,
      unloadedP50Ms: unloaded.p50Ms,
      lessons: sample.body.lessons.length as number,
      pupils: sample.body.pupils.length as number,
      answerKiB: Math.round(JSON.stringify(sample.body).length / 1024),
    },
    asOf,
  };
}
