import { Partitioners, type Kafka } from 'kafkajs';
import type { Publisher } from '../port/message-bus.port';
import { chunkByBytes } from './chunk-by-bytes';

/**
 * The idempotent producer: the broker drops a retried batch it already wrote, and one request
 * in flight keeps the order. The default partitioner is murmur2 of the key, as in the Java
 * client, so a stream keeps its partition if another client library replaces this one.
 */
export async function kafkajsPublisher(kafka: Kafka, maxRequestBytes: number): Promise<Publisher> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return {
    async publish(topic, messages) {
      for (const chunk of chunkByBytes(messages, maxRequestBytes)) {
        await producer.sendBatch({ topicMessages: [{ topic, messages: chunk }], acks: -1 });
      }
    },
    close: () => producer.disconnect(),
  };
}
