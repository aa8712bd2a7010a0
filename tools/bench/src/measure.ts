/** Runs `worker(iteration, loop)` on `concurrency` loops until `total` iterations are done. */
export async function runConcurrently(
  concurrency: number,
  total: number,
  worker: (iteration: number, loop: number) => Promise<void>,
): Promise<{ seconds: number; latenciesMs: number[] }> {
  let next = 0;
  const latenciesMs: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, loop) => {
      while (next < total) {
        const iteration = next++;
        const begin = performance.now();
        await worker(iteration, loop);
        latenciesMs.push(performance.now() - begin);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latenciesMs };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return round(sorted[Math.max(0, index)] as number, 2);
}

export const perSecond = (count: number, seconds: number) => Math.round(count / seconds);

export const round = (value: number, digits: number) => Number(value.toFixed(digits));
