import { runConcurrently } from '../measure';

export interface Timed {
  seconds: number;
  latenciesMs: number[];
}

/**
 * Runs two workloads of `total` iterations each in alternating rounds (a, b, a, b, ...), so that
 * the server's warm-up, autovacuum and background noise fall on both alike. Each workload gets
 * `concurrency` loops; `loop` numbers are stable across rounds.
 */
export async function alternate(
  rounds: number,
  total: number,
  concurrency: number,
  a: (iteration: number, loop: number) => Promise<void>,
  b: (iteration: number, loop: number) => Promise<void>,
): Promise<[Timed, Timed]> {
  const timed: [Timed, Timed] = [
    { seconds: 0, latenciesMs: [] },
    { seconds: 0, latenciesMs: [] },
  ];
  const perRound = Math.ceil(total / rounds);
  for (let round = 0; round < rounds; round++) {
    const count = Math.min(perRound, total - round * perRound);
    for (const [index, worker] of [a, b].entries()) {
      const run = await runConcurrently(concurrency, count, (iteration, loop) =>
        worker(round * perRound + iteration, loop),
      );
      const into = timed[index] as Timed;
      into.seconds += run.seconds;
      into.latenciesMs.push(...run.latenciesMs);
    }
  }
  return timed;
}
