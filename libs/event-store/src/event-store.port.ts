import type { EventRegistry, NewEvent, RecordedEvent } from '@ejournal/contracts';

/** What the store needs from the contracts: validation on append, upcasting on read. */
export type EventSchemas = Pick<EventRegistry, 'validate' | 'upcast'>;

/**
 * The stream version an append expects: the number of the stream's last event (0 for an empty
 * stream), `'noStream'` for a stream that must not exist yet, `'any'` for no check.
 */
export type ExpectedVersion = number | 'any' | 'noStream';

/** An HTTP `Idempotency-Key`, scoped to its caller and route, with a hash of the request body. */
export interface IdempotencyKey {
  caller: string;
  route: string;
  key: string;
  bodyHash: string;
}

/** The key with what the first request answered, kept with the append. */
export interface IdempotencyInput extends IdempotencyKey {
  response: unknown;
}

export interface AppendOptions {
  idempotency?: IdempotencyInput;
}

export interface AppendResult {
  streamId: string;
  firstVersion: number;
  lastVersion: number;
  /** Global positions of the appended events, in stream order. */
  positions: string[];
  /** True when nothing was written because this append had already been stored. */
  duplicate: boolean;
  /** The stored response, when the idempotency key had been used with the same body. */
  storedResponse?: unknown;
}

export interface IdempotencyRecord {
  caller: string;
  route: string;
  key: string;
  bodyHash: string;
  response: unknown;
  streamId: string;
  firstVersion: number;
  lastVersion: number;
  positions: string[];
  recordedAt: string;
}

export interface ReadStreamOptions {
  /** Inclusive stream version to start at: the first event forwards, the last backwards. */
  from?: number;
  direction?: 'forwards' | 'backwards';
  limit?: number;
  /** Only events recorded at or before this instant: the stream as it stood then. */
  asOf?: Date;
}

/**
 * A place in the store's global order. PostgreSQL: (transaction id, global position);
 * EventStoreDB/KurrentDB: (commit, prepare) position. Compare only through the store.
 */
export interface GlobalCheckpoint {
  txId: string;
  position: string;
}

export const START: GlobalCheckpoint = Object.freeze({ txId: '0', position: '0' });

export interface GlobalEntry {
  event: RecordedEvent;
  /** Where this event sits in the global order: reading from here continues after it. */
  checkpoint: GlobalCheckpoint;
}

export interface GlobalPage {
  entries: GlobalEntry[];
  /** Where the next read continues (the last entry's checkpoint, or `from` when empty). */
  next: GlobalCheckpoint;
}

export interface ReadGlobalOptions {
  limit?: number;
}

export type SubscriptionHandler = (
  event: RecordedEvent,
  context: { checkpoint: GlobalCheckpoint },
) => Promise<void> | void;

export interface SubscribeOptions {
  /** Durable name: the checkpoint is kept under it and a restart resumes after it. */
  name: string;
  /** Only streams of this category (`journal` for `journal-*`); every stream when absent. */
  category?: string;
  handler: SubscriptionHandler;
  batchSize?: number;
  /** Where a subscription without a stored checkpoint starts; the beginning by default. */
  from?: GlobalCheckpoint;
  /** Told about a failed handler or read; the subscription retries from its checkpoint. */
  onError?: (error: unknown) => void;
}

export interface Subscription {
  readonly name: string;
  /** Ends the loop after the event in hand; resolves when it has ended. */
  stop(): Promise<void>;
}

export interface Snapshot<S = unknown> {
  streamId: string;
  /** The stream version the state includes; fold the events after it. */
  version: number;
  state: S;
}

export interface EventStore {
  append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  findIdempotencyRecord(
    caller: string,
    route: string,
    key: string,
  ): Promise<IdempotencyRecord | null>;
  /**
   * The record of an earlier request with this key, to answer its retry; refuses the same key
   * with another body (`IdempotencyKeyReusedError`), as `append` does.
   */
  findEarlierRequest(key: IdempotencyKey): Promise<IdempotencyRecord | null>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * The last version of each of these streams that `readStream` would return an event of, in
   * one round trip: a stream with no such event is absent. For a reader holding many streams'
   * states at known versions, which it checks all at once instead of one `readStream` each.
   */
  streamVersions(streamIds: readonly string[]): Promise<Map<string, number>>;
  readAll(from: GlobalCheckpoint, options?: ReadGlobalOptions): Promise<GlobalPage>;
  readCategory(
    category: string,
    from: GlobalCheckpoint,
    options?: ReadGlobalOptions,
  ): Promise<GlobalPage>;
  /** The streams of a category that hold events, for rebuilding what is built from them. */
  listStreams(category: string): Promise<string[]>;
  /**
   * The checkpoint after the last event of the category a reader of the safe global order
   * reads now (`START` for an empty category): where a rebuild that read every stream stands.
   */
  categoryHead(category: string): Promise<GlobalCheckpoint>;
  /** Moves a subscription's checkpoint: after a rebuild wrote everything up to it. */
  saveSubscriptionCheckpoint(name: string, checkpoint: GlobalCheckpoint): Promise<void>;
  subscribe(options: SubscribeOptions): Subscription;
  saveSnapshot<S>(streamId: string, version: number, state: S): Promise<void>;
  loadSnapshot<S>(streamId: string): Promise<Snapshot<S> | null>;
  close(): Promise<void>;
}
