import { Admin, Consumer, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { requireInfra, testTopic } from './index';

/** Consumes until `count` messages arrived, commits after each one, then stops. */
async function consumeAndCommit(consumer: Consumer, topic: string, count: number) {
  const seen: string[] = [];
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`only ${seen.length}/${count} arrived`)),
      30_000,
    );
    consumer
      .run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          seen.push(String(message.value));
          const next = (BigInt(message.offset) + 1n).toString();
          await consumer.commitOffsets([{ topic, partition, offset: next }]);
          if (seen.length === count) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return seen;
}

describe('Kafka (real broker)', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const topic = testTopic('kafka smoke');
  const groupId = `${topic}.group`;

  beforeAll(async () => {
    const { KAFKA_BROKERS } = await requireInfra(['KAFKA_BROKERS']);
    kafka = new Kafka({
      clientId: 'smoke',
      brokers: KAFKA_BROKERS.split(','),
      logLevel: logLevel.WARN,
    });
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.disconnect();
  });

  it('creates the topic with the partitions asked for', async () => {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(1);
  });

  it('resumes a consumer group after its committed offset', async () => {
    const send = (values: string[]) =>
      producer.send({ topic, messages: values.map((value) => ({ key: 'journal-1', value })) });

    await send(['m1', 'm2', 'm3']);
    const first = await consumeAndCommit(kafka.consumer({ groupId }), topic, 3);
    expect(first).toEqual(['m1', 'm2', 'm3']);

    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(committed[0]?.partitions[0]?.offset).toBe('3');

    await send(['m4', 'm5']);
    const second = await consumeAndCommit(kafka.consumer({ groupId }), topic, 2);
    expect(second).toEqual(['m4', 'm5']);
  });
});
