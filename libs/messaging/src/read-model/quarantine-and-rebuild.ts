import type { Model } from 'mongoose';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeadLetter } from '../consumer/dead-letter';
import { quarantineStream, releaseQuarantine } from './quarantine';

export interface QuarantineAndRebuildOptions<T> {
  models: Model<T>[];
  /** Applies every event of the stream again from the store (idempotently, via applyOnce). */
  rebuild: (streamId: string) => Promise<void>;
  /**
   * Told of each failed rebuild. The documents stay quarantined and the rebuild is tried again
   * after a wait (doubling from `retryMinMs` to `retryMaxMs`) until it succeeds or `stop()`.
   */
  onRebuildError?: (streamId: string, error: unknown) => void;
  retryMinMs?: number;
  retryMaxMs?: number;
}

interface Rebuild {
  again: boolean;
  done: Promise<void>;
}

/**
 * The dead-letter hook of a read model: quarantines the documents the stream touched, then
 * rebuilds them from the store in the background (the partition moves on meanwhile) and lifts
 * the quarantine. Rebuilds of one stream never overlap; a dead letter arriving during one
 * runs it once more afterwards.
 */
export function quarantineAndRebuild<T>(options: QuarantineAndRebuildOptions<T>) {
  const running = new Map<string, Rebuild>();
  const stopping = new AbortController();
  const retryMinMs = options.retryMinMs ?? 1_000;
  const retryMaxMs = options.retryMaxMs ?? 60_000;

  async function rebuildUntilCalm(streamId: string, state: Rebuild): Promise<void> {
    try {
      for (let failures = 0; !stopping.signal.aborted;) {
        try {
          do {
            state.again = false;
            await options.rebuild(streamId);
          } while (state.again);
          await Promise.all(options.models.map((model) => releaseQuarantine(model, streamId)));
          return;
        } catch (error) {
          options.onRebuildError?.(streamId, error);
          failures += 1;
          const waitMs = Math.min(retryMaxMs, retryMinMs * 2 ** (failures - 1));
          await sleep(waitMs, undefined, { signal: stopping.signal }).catch(() => undefined);
        }
      }
    } finally {
      running.delete(streamId);
    }
  }

  async function onDeadLetter(letter: DeadLetter): Promise<void> {
    const { streamId } = letter;
    if (!streamId) return;
    const reason = `${letter.errorCode} at ${letter.topic}/${letter.partition}/${letter.offset}`;
    await Promise.all(options.models.map((model) => quarantineStream(model, streamId, reason)));
    const current = running.get(streamId);
    if (current) {
      current.again = true;
      return;
    }
    const state: Rebuild = { again: false, done: Promise.resolve() };
    running.set(streamId, state);
    state.done = rebuildUntilCalm(streamId, state);
  }

  return {
    onDeadLetter,
    /** Resolves when the rebuilds under way have ended (tests). */
    async idle(): Promise<void> {
      await Promise.all([...running.values()].map((state) => state.done));
    },
    /** Shutdown: no more retries; waits for a rebuild in progress. Its streams stay quarantined. */
    async stop(): Promise<void> {
      stopping.abort();
      await Promise.all([...running.values()].map((state) => state.done));
    },
  };
}
