import {
  START,
  type EventStore,
  type GlobalCheckpoint,
  type GlobalPage,
} from '@ejournal/event-store';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessageOf, RelayLeaseLostError } from '../errors';
import type { Publisher } from '../port/message-bus.port';
import { publishPage } from './publish-page';
import type { RelayLease } from './relay-lease.port';
import { relayMetrics } from './relay-metrics';

export interface RelayOptions {
  /** The relay's store; build it with `withoutUpcasting(schemas)` to publish events as stored. */
  store: Pick<EventStore, 'readAll' | 'readCategory'>;
  publisher: Publisher;
  lease: RelayLease;
  topic: string;
  /** Only streams of this category; every stream of the store when absent. */
  category?: string;
  /** Events per read and per publish. */
  batchSize?: number;
  /** Idle polling: the first wait after an empty read, doubling up to the maximum. */
  polling?: { minMs: number; maxMs: number };
  /** Called after Kafka acknowledged a page and before its checkpoint is written (tests). */
  afterPublish?: (page: GlobalPage) => Promise<void>;
  /** Told about each failure before the relay backs off and retries; stderr by default. */
  onError?: (error: unknown) => void;
  /** Told when this replica starts and stops being the publisher. */
  onLeadership?: (leader: boolean) => void;
}

export interface Relay {
  isLeader(): boolean;
  /** Finishes the page in hand (published and checkpointed), then releases the lease. */
  stop(): Promise<void>;
}

export const DEFAULT_RELAY_BATCH_SIZE = 1000;

/**
 * The outbox relay: follows the store's safe global order from its checkpoint and publishes
 * page by page; the checkpoint moves only after Kafka acknowledged the page, so a crash
 * republishes at most the page in flight (at least once; consumers are idempotent).
 */
export function startRelay(options: RelayOptions): Relay {
  const { lease, topic, category } = options;
  const batchSize = options.batchSize ?? DEFAULT_RELAY_BATCH_SIZE;
  const polling = options.polling ?? { minMs: 10, maxMs: 250 };
  const metrics = relayMetrics(topic, lease);
  const onError = options.onError ?? ((error: unknown) => reportToStderr(topic, error));
  const stopping = new AbortController();
  const { signal } = stopping;
  const pause = (ms: number) => sleep(ms, undefined, { signal }).catch(() => undefined);
  const read = (from: GlobalCheckpoint) =>
    category === undefined
      ? options.store.readAll(from, { limit: batchSize })
      : options.store.readCategory(category, from, { limit: batchSize });
  let failureMs = polling.minMs;
  let leader = false;
  const lead = (value: boolean) => {
    if (leader !== value) options.onLeadership?.(value);
    leader = value;
  };

  // Marked handled at once: a read that fails while a page is being published must not be an
  // unhandled rejection; it is rethrown where it is awaited.
  const prefetch = (from: GlobalCheckpoint) => {
    const page = read(from);
    page.catch(() => undefined);
    return page;
  };

  async function publishWhileHeld(): Promise<void> {
    let checkpoint = (await lease.loadCheckpoint()) ?? START;
    let idleMs = polling.minMs;
    let reading = prefetch(checkpoint);
    while (!signal.aborted) {
      if (!lease.held) throw new RelayLeaseLostError(topic);
      const page = await reading;
      if (page.entries.length === 0) {
        await pause(idleMs);
        idleMs = Math.min(idleMs * 2, polling.maxMs);
        reading = prefetch(checkpoint);
        continue;
      }
      idleMs = polling.minMs;
      // The next page is read from PostgreSQL while this one is on its way to Kafka.
      reading = prefetch(page.next);
      await publishPage(page, topic, options.publisher, metrics);
      await options.afterPublish?.(page);
      await lease.saveCheckpoint(page.next);
      checkpoint = page.next;
      metrics.checkpointed(checkpoint);
      failureMs = polling.minMs;
    }
  }

  async function run(): Promise<void> {
    while (!signal.aborted) {
      try {
        if (!(await lease.acquire(signal))) break;
        lead(true);
        await publishWhileHeld();
      } catch (error) {
        onError(error);
        lead(false);
        // Let a standby replica take over while this one backs off.
        await lease.release();
        await pause(failureMs);
        failureMs = Math.min(failureMs * 2, 5000);
      }
    }
    lead(false);
    await lease.release();
  }

  const loop = run();
  return {
    isLeader: () => leader,
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}

function reportToStderr(topic: string, error: unknown): void {
  const line = { level: 'error', context: 'relay', topic, message: errorMessageOf(error) };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}
