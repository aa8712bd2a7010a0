import type { Model } from 'mongoose';
import type { DeadLetter } from '../consumer/dead-letter';
import { quarantineStream, releaseQuarantine } from './quarantine';

export interface QuarantineAndRebuildOptions<T> {
  models: Model<T>[];
  /** Applies every event of the stream again from the store (idempotently, via applyOnce). */
  rebuild: (streamId: string) => Promise<void>;
  /** A failed rebuild leaves the documents quarantined; the next dead letter retries it. */
  onRebuildError?: (streamId: string, error: unknown) => void;
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

  async function rebuildUntilCalm(streamId: string, state: Rebuild): Promise<void> {
    try {
      do {
        state.again = false;
        await options.rebuild(streamId);
      } while (state.again);
      await Promise.all(options.models.map((model) => releaseQuarantine(model, streamId)));
    } catch (error) {
      options.onRebuildError?.(streamId, error);
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
    /** Resolves when the rebuilds under way have ended (tests, shutdown). */
    async idle(): Promise<void> {
      await Promise.all([...running.values()].map((state) => state.done));
    },
  };
}
