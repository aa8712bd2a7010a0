import type { ITopicConfig, Kafka } from 'kafkajs';
import type { TopicAdmin, TopicSpec } from '../port/message-bus.port';
import { whileLeadersMove } from './leaders-moving';

export async function kafkajsAdmin(kafka: Kafka): Promise<TopicAdmin> {
  const admin = kafka.admin();
  await admin.connect();
  return {
    async ensureTopics(specs) {
      const topics = specs.map((spec) => spec.topic);
      let missingAtFirst: string[] | undefined;
      await whileLeadersMove(topics, async () => {
        const existing = new Set(await admin.listTopics());
        const missing = specs.filter((spec) => !existing.has(spec.topic));
        missingAtFirst ??= missing.map((spec) => spec.topic);
        // Another replica, or our own attempt the broker has not shown yet, may have created
        // them meanwhile: kafkajs then answers false.
        if (missing.length > 0) {
          await admin.createTopics({ waitForLeaders: true, topics: missing.map(toKafkajsTopic) });
        }
        // waitForLeaders trusts a metadata answer; a leader that serves is the real proof.
        for (const topic of topics) await admin.fetchTopicOffsets(topic);
      });
      return { created: missingAtFirst ?? [] };
    },
    async endOffsets(topic) {
      const offsets = await whileLeadersMove([topic], () => admin.fetchTopicOffsets(topic));
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

function toKafkajsTopic(spec: TopicSpec): ITopicConfig {
  return {
    topic: spec.topic,
    numPartitions: spec.partitions,
    replicationFactor: spec.replicationFactor,
    configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value })),
  };
}
