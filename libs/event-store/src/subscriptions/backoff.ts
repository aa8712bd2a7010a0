export interface Backoff {
  /** The first wait after an empty read or a failure. */
  minMs: number;
  /** Waits double up to this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { minMs: 25, maxMs: 1000 };

export function nextDelay(current: number, backoff: Backoff): number {
  return Math.min(Math.max(current * 2, backoff.minMs), backoff.maxMs);
}

/** Resolves after `ms`, or at once when the signal aborts; never rejects. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
