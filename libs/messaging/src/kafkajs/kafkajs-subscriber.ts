import type { Consumer, ConsumerRunConfig, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  BatchHandler,
  InboundMessage,
  MessageHeaders,
  Subscriber,
  SubscriberOptions,
} from '../port/message-bus.port';

/**
 * A consumer group member that never commits on its own: kafkajs' auto-commit and
 * auto-resolve are off, and `commit` resolves and commits exactly what the handler processed.
 * kafkajs restarts its consumer after most failures, but gives up for good on one it holds for
 * final (its CRASH event with `restart: false`); a service's consumer must not stop while the
 * service runs, so such a member is replaced by a new one, with backoff, until it runs again.
 */
export function kafkajsSubscriber(kafka: Kafka, options: SubscriberOptions): Subscriber {
  let current: Consumer | null = null;
  let stopped = false;
  let replacing: Promise<void> = Promise.resolve();

  const member = () =>
    kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      ...(options.sessionTimeoutMs ? { sessionTimeout: options.sessionTimeoutMs } : {}),
      ...(options.heartbeatIntervalMs ? { heartbeatInterval: options.heartbeatIntervalMs } : {}),
    });

  async function join(handle: BatchHandler): Promise<void> {
    const consumer = member();
    current = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || stopped || current !== consumer) return;
      replacing = replace(handle);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({
        topics: options.topics,
        fromBeginning: options.fromBeginning ?? true,
      });
      await consumer.run(runConfig(handle, options.concurrency ?? 1));
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async function replace(handle: BatchHandler): Promise<void> {
    for (let attempt = 1; !stopped; attempt += 1) {
      await sleep(Math.min(REPLACE_MAX_MS, REPLACE_MIN_MS * 2 ** (attempt - 1)));
      if (stopped) return;
      try {
        await join(handle);
        return;
      } catch {
        // The broker is still away: the next attempt waits longer.
      }
    }
  }

  return {
    run: join,
    // kafkajs' disconnect stops the runner (waiting for the batch in hand) and leaves the group.
    async stop() {
      stopped = true;
      await replacing;
      await current?.disconnect();
    },
  };
}

const REPLACE_MIN_MS = 500;
const REPLACE_MAX_MS = 10_000;

function runConfig(handle: BatchHandler, concurrency: number): ConsumerRunConfig {
  return {
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: concurrency,
    eachBatch: async (payload) => {
      const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
      const { topic, partition } = batch;
      await handle(
        {
          topic,
          partition,
          highWatermark: batch.highWatermark,
          messages: batch.messages.map((message) => inbound(topic, partition, message)),
        },
        {
          isRunning,
          isStale,
          heartbeat,
          async commit(offset) {
            resolveOffset(offset);
            const next = (BigInt(offset) + 1n).toString();
            // Not consumer.commitOffsets: it skips the commit once the consumer is stopping.
            await payload.commitOffsetsIfNecessary({
              topics: [{ topic, partitions: [{ partition, offset: next }] }],
            });
          },
        },
      );
    },
  };
}

function inbound(topic: string, partition: number, message: KafkaMessage): InboundMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString('utf8') : null,
    value: message.value,
    headers: headersOf(message.headers),
  };
}

function headersOf(headers: IHeaders | undefined): MessageHeaders {
  const result: MessageHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const single = Array.isArray(value) ? value.at(-1) : value;
    if (single !== undefined) result[name] = single.toString();
  }
  return result;
}
