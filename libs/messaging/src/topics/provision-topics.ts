import { InvalidMessagingArgumentError } from '../errors';
import type { TopicAdmin, TopicSpec } from '../port/message-bus.port';
import { deadLetterTopic } from './topic-names';

export interface TopicProvisioning {
  /** Partitions of each events topic: the most consumers of one group that can share it. */
  partitions: number;
  /** 3 in production (with min.insync.replicas 2); 1 on a single local broker. */
  replicationFactor: number;
  /** Extra topic configuration for the events topics. */
  config?: Record<string, string>;
}

// Dead letters wait for a person: keep them a month, not the broker's default week.
const DEAD_LETTER_RETENTION_MS = String(30 * 24 * 60 * 60 * 1000);

/**
 * The configuration of a topic that carries a store's facts (identity's, the journal's): kept
 * for good, by neither time nor size, so a new or rebuilt consumer can project every fact from
 * offset 0. Not compacted: the key is the stream id, and compaction would keep only the last
 * event of each stream.
 */
export const FACTS_KEPT_FOREVER: Readonly<Record<string, string>> = {
  'retention.ms': '-1',
  'retention.bytes': '-1',
  'cleanup.policy': 'delete',
};

/** Each topic and its `.dlq`, with the same partitions and replication. */
export function eventTopicSpecs(topics: string[], provisioning: TopicProvisioning): TopicSpec[] {
  const { partitions, replicationFactor } = provisioning;
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new InvalidMessagingArgumentError('partitions must be a whole number >= 1');
  }
  if (!Number.isInteger(replicationFactor) || replicationFactor < 1) {
    throw new InvalidMessagingArgumentError('replicationFactor must be a whole number >= 1');
  }
  const durability: Record<string, string> =
    replicationFactor > 1 ? { 'min.insync.replicas': '2' } : {};
  return topics.flatMap((topic) => [
    { topic, partitions, replicationFactor, config: { ...durability, ...provisioning.config } },
    {
      topic: deadLetterTopic(topic),
      partitions,
      replicationFactor,
      config: { ...durability, 'retention.ms': DEAD_LETTER_RETENTION_MS },
    },
  ]);
}

/** Creates whatever is missing; safe to run at every start of every replica. */
export function provisionEventTopics(
  admin: TopicAdmin,
  topics: string[],
  provisioning: TopicProvisioning,
): Promise<{ created: string[] }> {
  return admin.ensureTopics(eventTopicSpecs(topics, provisioning));
}
