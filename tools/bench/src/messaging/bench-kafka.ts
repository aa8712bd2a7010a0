import {
  createKafkajsBus,
  provisionEventTopics,
  type MessageBus,
  type TopicAdmin,
} from '@ejournal/messaging';

export interface BenchKafka {
  bus: MessageBus;
  admin: TopicAdmin;
  topic: string;
  drop(): Promise<void>;
}

/** A fresh events topic (and its .dlq, and a scratch topic for the raw rate) on KAFKA_BROKERS. */
export async function createBenchKafka(partitions: number): Promise<BenchKafka> {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('KAFKA_BROKERS is not set (npm run bench sets it)');
  const bus = createKafkajsBus({
    brokers: brokers.split(','),
    clientId: 'bench',
    logLevel: 'error',
  });
  const admin = await bus.admin();
  const topic = `ejournal.bench_test_${Date.now().toString(36)}.events.v1`;
  const topics = [topic, `${topic}.raw`];
  await provisionEventTopics(admin, topics, { partitions, replicationFactor: 1 });
  return {
    bus,
    admin,
    topic,
    async drop() {
      await admin.deleteTopics([...topics, ...topics.map((name) => `${name}.dlq`)]);
      await admin.close();
    },
  };
}
