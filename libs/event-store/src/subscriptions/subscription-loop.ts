import {
  START,
  type GlobalCheckpoint,
  type GlobalPage,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { DEFAULT_BACKOFF, nextDelay, sleep, type Backoff } from './backoff';

/** What a catch-up subscription needs from an adapter. */
export interface SubscriptionSource {
  read(from: GlobalCheckpoint, limit: number, category?: string): Promise<GlobalPage>;
  loadCheckpoint(name: string): Promise<GlobalCheckpoint | null>;
  saveCheckpoint(name: string, checkpoint: GlobalCheckpoint): Promise<void>;
  /** Resolves with true when an append was signalled, false after `ms`, or on abort. */
  waitForAppend(ms: number, signal: AbortSignal): Promise<boolean>;
}

export const DEFAULT_BATCH_SIZE = 500;
/** How long after an append signal empty reads are retried at the shortest interval. */
const SIGNALLED_PATIENCE_MS = 2000;

/**
 * Catch-up, then live: reads pages from the durable checkpoint and hands each event to the
 * handler in order; when a page comes back empty it waits for an append signal or a poll
 * interval that backs off (not while an append signalled in the last 2 s is not readable yet:
 * the safe order shows it once older transactions end). The checkpoint is stored after the handler succeeded (at least
 * once delivery); on a failure it is stored up to the last handled event and the rest is
 * retried after a backoff, the error reported to `onError`.
 */
export function startSubscription(
  source: SubscriptionSource,
  options: SubscribeOptions,
  backoff: Backoff = DEFAULT_BACKOFF,
): Subscription {
  const { name, category, handler, onError } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const stopping = new AbortController();
  const { signal } = stopping;

  async function handlePage(page: GlobalPage, from: GlobalCheckpoint): Promise<GlobalCheckpoint> {
    let handled = from;
    try {
      for (const { event, checkpoint } of page.entries) {
        if (signal.aborted) break;
        await handler(event, { checkpoint });
        handled = checkpoint;
      }
    } finally {
      if (handled !== from) await source.saveCheckpoint(name, handled);
    }
    return handled;
  }

  async function run(): Promise<void> {
    let checkpoint: GlobalCheckpoint | null = null;
    let idleDelay = backoff.minMs;
    let failureDelay = backoff.minMs;
    let signalledAt = 0;
    while (!signal.aborted) {
      try {
        checkpoint ??= (await source.loadCheckpoint(name)) ?? options.from ?? START;
        const page = await source.read(checkpoint, batchSize, category);
        checkpoint = await handlePage(page, checkpoint);
        failureDelay = backoff.minMs;
        if (page.entries.length > 0) {
          idleDelay = backoff.minMs;
          continue;
        }
        // An append was signalled but is not readable yet (a transaction older than it still
        // runs somewhere in the cluster: the horizon): look again soon, not after a backoff.
        const awaitingSignalled = Date.now() - signalledAt < SIGNALLED_PATIENCE_MS;
        const signalled = await source.waitForAppend(idleDelay, signal);
        if (signalled) signalledAt = Date.now();
        idleDelay = signalled || awaitingSignalled ? backoff.minMs : nextDelay(idleDelay, backoff);
      } catch (error) {
        // The checkpoint in hand may be ahead of the stored one if storing it failed.
        checkpoint = null;
        report(onError, error);
        await sleep(failureDelay, signal);
        failureDelay = nextDelay(failureDelay, backoff);
      }
    }
  }

  const loop = run();
  return {
    name,
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}

function report(onError: SubscribeOptions['onError'], error: unknown): void {
  try {
    onError?.(error);
  } catch {
    // A failing error reporter must not end the subscription it reports on.
  }
}
