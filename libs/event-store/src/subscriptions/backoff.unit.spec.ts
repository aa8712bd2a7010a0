import { nextDelay, sleep } from './backoff';

describe('backoff', () => {
  it('doubles from the minimum up to the maximum', () => {
    const backoff = { minMs: 25, maxMs: 150 };
    const delays = [25];
    for (let i = 0; i < 4; i += 1) delays.push(nextDelay(delays.at(-1)!, backoff));
    expect(delays).toEqual([25, 50, 100, 150, 150]);
  });

  it('stops sleeping when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = sleep(10_000, controller.signal);
    controller.abort();
    await sleeping;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
