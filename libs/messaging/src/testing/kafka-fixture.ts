import { createKafkajsBus, type KafkaLogLevel } from '../kafkajs/kafkajs-bus';
import type { InboundMessage, MessageBus, TopicAdmin } from '../port/message-bus.port';
import { deadLetterTopic } from '../topics/topic-names';
import { provisionEventTopics } from '../topics/provision-topics';

export interface KafkaFixture {
  bus: MessageBus;
  admin: TopicAdmin;
  /** Creates `topic` and its `.dlq` with `partitions` partitions. */
  createTopic(topic: string, partitions: number): Promise<void>;
  /** Messages ever written to a topic: the sum of its partitions' end offsets. */
  countMessages(topic: string): Promise<number>;
  /** Offsets a group has committed on a topic, summed over its partitions. */
  committedCount(groupId: string, topic: string): Promise<number>;
  /** Reads a topic from the beginning with a throwaway group until `count` messages came. */
  readTopic(topic: string, count: number, timeoutMs?: number): Promise<InboundMessage[]>;
  close(): Promise<void>;
}

export async function kafkaFixture(brokers: string, clientId: string): Promise<KafkaFixture> {
  // MESSAGING_TEST_KAFKA_LOG=info shows the client's own log when a test misbehaves.
  const logLevel = (process.env['MESSAGING_TEST_KAFKA_LOG'] ?? 'nothing') as KafkaLogLevel;
  const bus = createKafkajsBus({ brokers: brokers.split(','), clientId, logLevel });
  const admin = await bus.admin();
  const topics: string[] = [];
  return {
    bus,
    admin,
    async createTopic(topic, partitions) {
      await provisionEventTopics(admin, [topic], { partitions, replicationFactor: 1 });
      topics.push(topic, deadLetterTopic(topic));
    },
    async countMessages(topic) {
      const offsets = await admin.endOffsets(topic);
      return [...offsets.values()].reduce((sum, offset) => sum + Number(offset), 0);
    },
    async committedCount(groupId, topic) {
      const offsets = await admin.committedOffsets(groupId, topic);
      return [...offsets.values()].reduce((sum, offset) => sum + Math.max(0, Number(offset)), 0);
    },
    async readTopic(topic, count, timeoutMs = 20_000) {
      const messages: InboundMessage[] = [];
      const subscriber = bus.subscriber({
        groupId: `${topic}.reader.${Date.now()}`,
        topics: [topic],
      });
      const done = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${topic}: ${messages.length}/${count} messages arrived`)),
          timeoutMs,
        );
        void subscriber.run(async (batch, control) => {
          messages.push(...batch.messages);
          const last = batch.messages.at(-1);
          if (last) await control.commit(last.offset);
          if (messages.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      try {
        await done;
      } finally {
        await subscriber.stop();
      }
      return messages;
    },
    async close() {
      await admin.deleteTopics(topics).catch(() => undefined);
      await admin.close();
    },
  };
}
