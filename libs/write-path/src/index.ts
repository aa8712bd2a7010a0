export {
  Context,
  eventContextOf,
  serviceContext,
  withRole,
  type EventContext,
} from './event-context';
export {
  outboxRelay,
  OutboxRelay,
  type RelayConfig,
  type RelayConfigOf,
  type RelayTokens,
} from './outbox-relay';
export { idempotencyOf } from './idempotency';
export { ProjectionWaiter } from './projection-waiter';
export {
  factOf,
  FoldedStreams,
  type Folding,
  type FoldedFact,
  type Loaded,
  type LoadOptions,
  type StreamStates,
} from './stream-states';
export { inTransaction } from './transaction';
export {
  WritePath,
  type Appended,
  type CommandSpec,
  type Decided,
  type WritePathOptions,
} from './write-path';
export { KeyedLock } from './keyed-lock';
export {
  CommandReplies,
  IDEMPOTENCY_KEY_IN_PROGRESS,
  keptCommand,
  type CommandRepliesOptions,
  type ReplyCodec,
} from './command-replies';
