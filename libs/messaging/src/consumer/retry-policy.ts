import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryPolicy {
  /** Handler calls in all, the first included, before the message is dead-lettered. */
  attempts: number;
  minDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, minDelayMs: 200, maxDelayMs: 5000 };

/** Stopping cut a retry's wait short; the operation is neither done nor given up. */
export class RetryInterruptedError extends Error {
  constructor() {
    super('Stopped while waiting to retry');
    this.name = 'RetryInterruptedError';
  }
}

/** The wait before retry `n` (1-based): doubling from the minimum, capped, with jitter. */
export function retryDelay(policy: RetryPolicy, n: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** (n - 1));
  return Math.round(exponential * (0.5 + Math.random() / 2));
}

/**
 * Calls `operation` until it succeeds or `attempts` calls have failed (then rethrows the last
 * error). A stop (`signal`) never interrupts a call in progress and never prevents the first
 * one, so the batch in hand finishes; it only cuts a wait short, with RetryInterruptedError.
 * Written here rather than with p-retry, whose abort rejects even a call that then succeeds.
 */
export async function withRetries<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  attempts: number,
  signal: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= attempts) throw error;
      if (signal.aborted) throw new RetryInterruptedError();
      await sleep(retryDelay(policy, attempt), undefined, { signal }).catch(() => undefined);
      if (signal.aborted) throw new RetryInterruptedError();
    }
  }
}
