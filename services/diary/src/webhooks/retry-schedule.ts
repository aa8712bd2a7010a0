export interface RetryPolicy {
  minMs: number;
  maxMs: number;
  /** How long after the first attempt a notification is still retried. */
  forMs: number;
}

/**
 * When a failed delivery is tried again, or `dead` once it has been retried for `forMs`:
 * exponential backoff (minMs · 2^(attempts − 1), capped at maxMs) with full jitter, so
 * endpoints coming back up are not hit by every sender at once. `random` is in [0, 1).
 */
export function nextAttempt(
  policy: RetryPolicy,
  attempts: number,
  firstAttemptAt: Date,
  now: Date,
  random: () => number = Math.random,
): Date | 'dead' {
  const deadline = firstAttemptAt.getTime() + policy.forMs;
  if (now.getTime() >= deadline) return 'dead';
  const ceiling = Math.min(policy.maxMs, policy.minMs * 2 ** Math.min(attempts - 1, 40));
  const delay = Math.max(1, Math.round(ceiling * random()));
  // The last retry falls on the deadline: a notification is retried for the whole window.
  return new Date(Math.min(now.getTime() + delay, deadline));
}
