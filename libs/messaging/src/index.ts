export * from './port/message-bus.port';
export { messagingEnv, type MessagingEnv } from './config/messaging-env';
export {
  errorCodeOf,
  InvalidMessagingArgumentError,
  MessagingError,
  ReadModelGapError,
  RelayLeaseLostError,
  TopicsNotReadyError,
  UndecodableMessageError,
} from './errors';
export {
  createKafkajsBus,
  type KafkajsBusOptions,
  type KafkaLogLevel,
} from './kafkajs/kafkajs-bus';
export { fixKafkajsRequestQueueTimer, kafkaClient } from './kafkajs/request-queue-timer';
export { deadLetterTopic, eventsTopic } from './topics/topic-names';
export {
  eventTopicSpecs,
  FACTS_KEPT_FOREVER,
  provisionEventTopics,
  type TopicProvisioning,
} from './topics/provision-topics';
export { ENVELOPE_HEADERS, toOutboundMessage } from './relay/event-message';
export { withoutUpcasting } from './relay/stored-form';
export type { RelayLease } from './relay/relay-lease.port';
export { PostgresRelayLease, type PostgresRelayLeaseOptions } from './relay/postgres-relay-lease';
export { startRelay, type Relay, type RelayOptions } from './relay/start-relay';
export {
  startServiceRelay,
  type ServiceRelay,
  type ServiceRelayOptions,
} from './relay/start-service-relay';
export { DEAD_LETTER_HEADERS, type DeadLetter } from './consumer/dead-letter';
export { decodeEvent, type Upcast } from './consumer/decode-event';
export type { EventHandler } from './consumer/process-message';
export { DEFAULT_RETRY, type RetryPolicy } from './consumer/retry-policy';
export { isTransient } from './consumer/transient';
export { startConsumer, type ConsumerOptions, type EventConsumer } from './consumer/start-consumer';
export { stopOnSignals, type Stoppable } from './consumer/stop-on-signals';
export {
  applyOnce,
  type ApplyOnceOptions,
  type ApplyResult,
  type SourceEvent,
} from './read-model/apply-once';
export { quarantineStream, releaseQuarantine } from './read-model/quarantine';
export {
  quarantineAndRebuild,
  type QuarantineAndRebuildOptions,
} from './read-model/quarantine-and-rebuild';
export { readModelFields, versionKey, versionPath } from './read-model/version-key';
export type { RunHandler } from './consumer/process-run';
