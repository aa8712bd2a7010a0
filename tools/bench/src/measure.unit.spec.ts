import { percentile, perSecond, runConcurrently } from './measure';

describe('benchmark measures', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('runs every iteration exactly once, spread over the loops', async () => {
    const seen: number[] = [];
    const loops = new Set<number>();
    const { latenciesMs } = await runConcurrently(4, 50, async (iteration, loop) => {
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(iteration);
      loops.add(loop);
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, index) => index));
    expect(loops.size).toBe(4);
    expect(latenciesMs).toHaveLength(50);
  });

  it('rounds rates to whole events per second', () => {
    expect(perSecond(1000, 0.3)).toBe(3333);
  });
});
