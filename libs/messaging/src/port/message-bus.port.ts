/**
 * What the relay and consumers need from a message broker. The kafkajs adapter
 * (`../kafkajs`) is the only code that knows the client library: replacing it with
 * `@platformatic/kafka` or `@confluentinc/kafka-javascript` means another adapter here.
 */
export type MessageHeaders = Record<string, string>;

export interface OutboundMessage {
  /** Messages with the same key land on the same partition, in the order published. */
  key: string;
  value: string | Buffer;
  headers: MessageHeaders;
}

export interface InboundMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: MessageHeaders;
}

export interface Publisher {
  /**
   * Sends the messages in order and resolves once every in-sync replica has them
   * (acks = all). Idempotent producer: a retried request is not written twice.
   */
  publish(topic: string, messages: OutboundMessage[]): Promise<void>;
  close(): Promise<void>;
}

export interface PartitionBatch {
  topic: string;
  partition: number;
  messages: InboundMessage[];
  /** The partition's end offset when the batch was fetched. */
  highWatermark: string;
}

export interface BatchControl {
  /** False once `stop()` was called: finish the message in hand, commit, return. */
  isRunning(): boolean;
  /** True when the partition was revoked or seeked: the rest of the batch is not ours. */
  isStale(): boolean;
  heartbeat(): Promise<void>;
  /** Marks everything up to and including `offset` as processed and commits it. */
  commit(offset: string): Promise<void>;
}

export type BatchHandler = (batch: PartitionBatch, control: BatchControl) => Promise<void>;

export interface SubscriberOptions {
  groupId: string;
  topics: string[];
  /** Where a group without a committed offset starts: the beginning (default) or the end. */
  fromBeginning?: boolean;
  /** Partitions of this member processed at once; each partition stays in order. */
  concurrency?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
}

export interface Subscriber {
  /** Joins the group and hands over batches; offsets are committed only through `commit`. */
  run(handle: BatchHandler): Promise<void>;
  /** Lets the batch in hand finish, leaves the group, disconnects. */
  stop(): Promise<void>;
}

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor: number;
  config?: Record<string, string>;
}

export interface TopicAdmin {
  /**
   * Creates the topics that are missing (existing ones are left as they are) and returns once
   * every partition's leader answers. `created` names those missing when it began (a replica
   * provisioning at the same moment may name the same ones).
   */
  ensureTopics(specs: TopicSpec[]): Promise<{ created: string[] }>;
  /** The end offset of every partition of a topic, by partition number. */
  endOffsets(topic: string): Promise<Map<number, string>>;
  /** The group's committed offset (the next to read) per partition; -1 when none. */
  committedOffsets(groupId: string, topic: string): Promise<Map<number, string>>;
  /** The group's state (`Stable`, `Empty`, ...) and how many members it has. */
  describeGroup(groupId: string): Promise<{ state: string; members: number }>;
  deleteTopics(topics: string[]): Promise<void>;
  close(): Promise<void>;
}

export interface MessageBus {
  publisher(): Promise<Publisher>;
  subscriber(options: SubscriberOptions): Subscriber;
  admin(): Promise<TopicAdmin>;
}
