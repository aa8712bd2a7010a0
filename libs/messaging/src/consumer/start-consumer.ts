import type {
  BatchControl,
  InboundMessage,
  MessageBus,
  PartitionBatch,
} from '../port/message-bus.port';
import { deadLetterTopic } from '../topics/topic-names';
import { consumerMetrics } from './consumer-metrics';
import { deadLetterMessage, deadLetterOf, type DeadLetter } from './dead-letter';
import type { Upcast } from './decode-event';
import { processMessage, type EventHandler, type ProcessDeps } from './process-message';
import { processRun, runsOf, type RunDeps, type RunHandler } from './process-run';
import {
  DEFAULT_RETRY,
  RetryInterruptedError,
  withRetries,
  type RetryPolicy,
} from './retry-policy';

export interface ConsumerOptions {
  bus: MessageBus;
  groupId: string;
  topics: string[];
  /** Must be idempotent by (streamId, streamVersion): delivery is at least once. */
  handle: EventHandler;
  /**
   * Told about every dead-lettered message after it is on `<topic>.dlq`, before its offset is
   * committed: quarantine what it would have touched and schedule a rebuild. Retried until
   * it succeeds, so a read model never misses an event silently.
   */
  onDeadLetter: (letter: DeadLetter) => Promise<void>;
  /**
   * Applies a run of up to `runSize` of a batch's messages in one call, all or nothing (one
   * database transaction instead of one per event); offsets are committed only after it
   * returns. A run that fails other than by an outage is processed again one message at a
   * time through `handle`, so retries and dead letters stay per message. Without it, every
   * message goes through `handle`.
   */
  handleRun?: RunHandler;
  /** Most messages per `handleRun` call (default 500). */
  runSize?: number;
  upcast?: Upcast;
  retry?: Partial<RetryPolicy>;
  fromBeginning?: boolean;
  concurrency?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** Called after a batch was processed and before its offsets are committed (tests). */
  beforeCommit?: (batch: PartitionBatch, lastOffset: string) => Promise<void>;
}

export interface EventConsumer {
  /** Finishes the batch in hand, commits it, leaves the group, disconnects. */
  stop(): Promise<void>;
}

/** A consumer group member that commits only what it processed or dead-lettered. */
export async function startConsumer(options: ConsumerOptions): Promise<EventConsumer> {
  const publisher = await options.bus.publisher();
  const stopping = new AbortController();
  const metrics = consumerMetrics(options.groupId);
  const deps: ProcessDeps = {
    groupId: options.groupId,
    handle: options.handle,
    ...(options.upcast ? { upcast: options.upcast } : {}),
    retry: { ...DEFAULT_RETRY, ...options.retry },
    signal: stopping.signal,
    deadLetter: (message, event, error, attempts) =>
      park(deadLetterOf(options.groupId, message, event, error, attempts), message),
  };

  async function park(letter: DeadLetter, message: InboundMessage): Promise<boolean> {
    const untilDone = <T>(operation: () => Promise<T>) =>
      withRetries(operation, deps.retry, Infinity, stopping.signal);
    try {
      const parkedMessage = deadLetterMessage(message, letter, new Date());
      await untilDone(() => publisher.publish(deadLetterTopic(message.topic), [parkedMessage]));
      await untilDone(() => options.onDeadLetter(letter));
      return true;
    } catch (error) {
      if (error instanceof RetryInterruptedError) return false;
      throw error;
    }
  }

  const runDeps: RunDeps | null = options.handleRun
    ? {
        groupId: options.groupId,
        handleRun: options.handleRun,
        ...(options.upcast ? { upcast: options.upcast } : {}),
        retry: deps.retry,
        signal: stopping.signal,
      }
    : null;

  /** A run's messages at once, else one by one; the last offset processed, null if none. */
  async function processMessages(
    messages: InboundMessage[],
    control: BatchControl,
  ): Promise<{ last: string | null; interrupted: boolean }> {
    if (runDeps) {
      const outcome = await processRun(messages, runDeps, control);
      if (outcome === 'interrupted') return { last: null, interrupted: true };
      if (outcome === 'handled') {
        for (const message of messages) metrics.processed(message, 'handled');
        return { last: messages.at(-1)?.offset ?? null, interrupted: false };
      }
    }
    let last: string | null = null;
    for (const message of messages) {
      if (control.isStale()) return { last, interrupted: true };
      const outcome = await processMessage(message, deps, control);
      metrics.processed(message, outcome);
      if (outcome === 'interrupted') return { last, interrupted: true };
      last = message.offset;
      await control.heartbeat();
    }
    return { last, interrupted: false };
  }

  async function handleBatch(batch: PartitionBatch, control: BatchControl): Promise<void> {
    let last: string | null = null;
    let failure: unknown = null;
    try {
      for (const run of runsOf(batch.messages, runDeps ? (options.runSize ?? 500) : 1)) {
        if (control.isStale()) break;
        const processed = await processMessages(run, control);
        last = processed.last ?? last;
        if (processed.interrupted) break;
        if (runDeps) await control.heartbeat();
      }
    } catch (error) {
      failure = error;
    }
    if (last !== null) {
      try {
        await options.beforeCommit?.(batch, last);
        await control.commit(last);
        metrics.committed(batch, last);
      } catch (error) {
        failure ??= error;
      }
    }
    // A rebalance (from heartbeat or commit) goes back to the client, which rejoins the group.
    if (failure !== null) throw failure;
  }

  const subscriber = options.bus.subscriber({
    groupId: options.groupId,
    topics: options.topics,
    fromBeginning: options.fromBeginning ?? true,
    concurrency: options.concurrency ?? 1,
    ...(options.sessionTimeoutMs ? { sessionTimeoutMs: options.sessionTimeoutMs } : {}),
    ...(options.heartbeatIntervalMs ? { heartbeatIntervalMs: options.heartbeatIntervalMs } : {}),
  });
  await subscriber.run(handleBatch);
  return {
    async stop() {
      stopping.abort();
      await subscriber.stop();
      await publisher.close();
    },
  };
}
