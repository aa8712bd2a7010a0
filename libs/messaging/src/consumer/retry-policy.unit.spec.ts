import { retryDelay, RetryInterruptedError, withRetries } from './retry-policy';

const policy = { attempts: 4, minDelayMs: 1, maxDelayMs: 4 };

describe('withRetries', () => {
  it('calls again after failures until it succeeds', async () => {
    const calls: number[] = [];
    const result = await withRetries(
      async (attempt) => {
        calls.push(attempt);
        if (attempt < 3) throw new Error('transient');
        return 'done';
      },
      policy,
      4,
      new AbortController().signal,
    );
    expect(result).toBe('done');
    expect(calls).toEqual([1, 2, 3]);
  });

  it('gives up with the last error after the given attempts', async () => {
    let calls = 0;
    const failing = withRetries(
      async () => {
        calls += 1;
        throw new TypeError(`bug ${calls}`);
      },
      policy,
      3,
      new AbortController().signal,
    );
    await expect(failing).rejects.toThrow('bug 3');
  });

  it('lets a call finish when stopped, but does not wait to retry', async () => {
    const stop = new AbortController();
    stop.abort();
    let calls = 0;
    const succeeded = await withRetries(async () => ++calls, policy, 3, stop.signal);
    expect(succeeded).toBe(1);
    const failing = withRetries(
      async () => {
        throw new Error('down');
      },
      { ...policy, minDelayMs: 60_000, maxDelayMs: 60_000 },
      3,
      stop.signal,
    );
    await expect(failing).rejects.toBeInstanceOf(RetryInterruptedError);
  });

  it('is interrupted during a long wait', async () => {
    const stop = new AbortController();
    const slow = { attempts: 3, minDelayMs: 60_000, maxDelayMs: 60_000 };
    const waiting = withRetries(
      async () => {
        throw new Error('down');
      },
      slow,
      3,
      stop.signal,
    );
    setTimeout(() => stop.abort(), 10);
    await expect(waiting).rejects.toBeInstanceOf(RetryInterruptedError);
  });

  it('doubles the wait up to the maximum, with jitter in the upper half', () => {
    const limits = { attempts: 9, minDelayMs: 100, maxDelayMs: 1000 };
    for (const [retry, full] of [
      [1, 100],
      [2, 200],
      [3, 400],
      [5, 1000],
    ] as const) {
      const delay = retryDelay(limits, retry);
      expect(delay).toBeGreaterThanOrEqual(full / 2);
      expect(delay).toBeLessThanOrEqual(full);
    }
  });
});
