import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import type {
  InboundMessage,
  MessageHeaders,
  Subscriber,
  SubscriberOptions,
} from '../port/message-bus.port';

/**
 * A consumer group member that never commits on its own: kafkajs' auto-commit and
 * auto-resolve are off, and `commit` resolves and commits exactly what the handler processed.
 */
export function kafkajsSubscriber(kafka: Kafka, options: SubscriberOptions): Subscriber {
  const consumer = kafka.consumer({
    groupId: options.groupId,
    allowAutoTopicCreation: false,
    ...(options.sessionTimeoutMs ? { sessionTimeout: options.sessionTimeoutMs } : {}),
    ...(options.heartbeatIntervalMs ? { heartbeatInterval: options.heartbeatIntervalMs } : {}),
  });
  return {
    async run(handle) {
      await consumer.connect();
      await consumer.subscribe({
        topics: options.topics,
        fromBeginning: options.fromBeginning ?? true,
      });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: options.concurrency ?? 1,
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
      });
    },
    // kafkajs' disconnect stops the runner (waiting for the batch in hand) and leaves the group.
    stop: () => consumer.disconnect(),
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
