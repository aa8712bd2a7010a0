import type { Kafka } from 'kafkajs';
import type { TopicAdmin } from '../port/message-bus.port';

export async function kafkajsAdmin(kafka: Kafka): Promise<TopicAdmin> {
  const admin = kafka.admin();
  await admin.connect();
  return {
    async ensureTopics(specs) {
      const existing = new Set(await admin.listTopics());
      const missing = specs.filter((spec) => !existing.has(spec.topic));
      if (missing.length === 0) return { created: [] };
      // Another replica may create the same topics meanwhile: kafkajs then answers false.
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.topic,
          numPartitions: spec.partitions,
          replicationFactor: spec.replicationFactor,
          configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({
            name,
            value,
          })),
        })),
      });
      return { created: missing.map((spec) => spec.topic) };
    },
    async endOffsets(topic) {
      const offsets = await whileLeadersMove(() => admin.fetchTopicOffsets(topic));
      return new Map(offsets.map(({ partition, high }) => [partition, high]));
    },
    async committedOffsets(groupId, topic) {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return new Map(
        (offsets?.partitions ?? []).map(({ partition, offset }) => [partition, offset]),
      );
    },
    async describeGroup(groupId) {
      const { groups } = await admin.describeGroups([groupId]);
      return { state: groups[0]?.state ?? 'Dead', members: groups[0]?.members.length ?? 0 };
    },
    async deleteTopics(topics) {
      await admin.deleteTopics({ topics });
    },
    close: () => admin.disconnect(),
  };
}

/**
 * Right after a topic is created (or a broker restarts) a partition's leader may not know it
 * leads yet and answers a retriable error although createTopics waited for leaders.
 */
async function whileLeadersMove<T>(request: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await request();
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
