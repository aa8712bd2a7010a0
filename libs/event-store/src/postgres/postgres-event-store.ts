import type { NewEvent, RecordedEvent } from '@ejournal/contracts';
import type { Pool } from 'pg';
import { validateAppend } from '../append/validate-append';
import type {
  AppendOptions,
  AppendResult,
  EventSchemas,
  EventStore,
  ExpectedVersion,
  GlobalCheckpoint,
  GlobalPage,
  IdempotencyKey,
  IdempotencyRecord,
  ReadGlobalOptions,
  ReadStreamOptions,
  Snapshot,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { START } from '../event-store.port';
import { assertStreamId } from '../stream-id';
import { DEFAULT_BACKOFF, type Backoff } from '../subscriptions/backoff';
import { startSubscription } from '../subscriptions/subscription-loop';
import { AppendSignal } from './append-signal';
import { appendToStream } from './append-to-stream';
import * as checkpoints from './checkpoint-table';
import { findEarlierRequest, findIdempotencyRecord } from './idempotency-table';
import { readGlobal } from './read-global';
import { categoryHeadQuery, readStreamQuery, streamVersionsQuery } from './read-queries';
import * as snapshots from './snapshot-table';
import { toRecordedEvent, type StoredEventRow } from './stored-event';

export interface PostgresEventStoreOptions {
  /**
   * Connected as the application role; the store never ends it. From the first subscription
   * until `close()`, one of its connections is kept for LISTEN.
   */
  pool: Pool;
  schemas: EventSchemas;
  /** The store's clock for `recordedAt`; tests pin it. */
  clock?: () => Date;
  /** How subscriptions poll when no notification arrives. */
  polling?: Backoff;
  /**
   * Chains each event's hash to its predecessor's in the append (default). Off only to
   * measure what the chain costs: unhashed events cannot enter the Merkle log.
   */
  hashing?: boolean;
}

/** The event store on PostgreSQL; the schema comes from `migrateEventStore`. */
export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly schemas: EventSchemas;
  private readonly clock: () => Date;
  private readonly polling: Backoff;
  private readonly hashing: boolean;
  private readonly signal: AppendSignal;
  private readonly subscriptions = new Set<Subscription>();

  constructor(options: PostgresEventStoreOptions) {
    this.pool = options.pool;
    this.schemas = options.schemas;
    this.clock = options.clock ?? (() => new Date());
    this.polling = options.polling ?? DEFAULT_BACKOFF;
    this.hashing = options.hashing ?? true;
    this.signal = new AppendSignal(this.pool);
  }

  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const valid = validateAppend(streamId, expectedVersion, events, this.schemas);
    const result = await appendToStream(this.pool, streamId, expectedVersion, valid, {
      clock: this.clock,
      hashing: this.hashing,
      idempotency: options.idempotency,
    });
    if (!result.duplicate) this.signal.notify();
    return result;
  }

  findIdempotencyRecord(
    caller: string,
    route: string,
    key: string,
  ): Promise<IdempotencyRecord | null> {
    return findIdempotencyRecord(this.pool, caller, route, key);
  }

  findEarlierRequest(key: IdempotencyKey): Promise<IdempotencyRecord | null> {
    return findEarlierRequest(this.pool, key);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    const result = await this.pool.query<StoredEventRow>(readStreamQuery(streamId, options));
    return result.rows.map((row) => this.schemas.upcast(toRecordedEvent(row)));
  }

  async streamVersions(streamIds: readonly string[]): Promise<Map<string, number>> {
    if (streamIds.length === 0) return new Map();
    const result = await this.pool.query<{ streamId: string; version: number }>(
      streamVersionsQuery(streamIds),
    );
    return new Map(result.rows.map((row) => [row.streamId, Number(row.version)]));
  }

  readAll(from: GlobalCheckpoint, options: ReadGlobalOptions = {}): Promise<GlobalPage> {
    return readGlobal(this.pool, this.schemas, from, options.limit);
  }

  readCategory(
    category: string,
    from: GlobalCheckpoint,
    options: ReadGlobalOptions = {},
  ): Promise<GlobalPage> {
    return readGlobal(this.pool, this.schemas, from, options.limit, category);
  }

  async listStreams(category: string): Promise<string[]> {
    const result = await this.pool.query<{ streamId: string }>(
      `SELECT DISTINCT stream_id AS "streamId" FROM event_store.events WHERE category = $1
        ORDER BY 1`,
      [category],
    );
    return result.rows.map((row) => row.streamId);
  }

  async categoryHead(category: string): Promise<GlobalCheckpoint> {
    const result = await this.pool.query<GlobalCheckpoint>(categoryHeadQuery(category));
    return result.rows[0] ?? START;
  }

  saveSubscriptionCheckpoint(name: string, checkpoint: GlobalCheckpoint): Promise<void> {
    return checkpoints.saveCheckpoint(this.pool, name, checkpoint);
  }

  subscribe(options: SubscribeOptions): Subscription {
    const source = {
      read: (from: GlobalCheckpoint, limit: number, category?: string) =>
        readGlobal(this.pool, this.schemas, from, limit, category),
      loadCheckpoint: (name: string) => checkpoints.loadCheckpoint(this.pool, name),
      saveCheckpoint: (name: string, checkpoint: GlobalCheckpoint) =>
        checkpoints.saveCheckpoint(this.pool, name, checkpoint),
      waitForAppend: (ms: number, signal: AbortSignal) => this.signal.wait(ms, signal),
    };
    const subscription = startSubscription(source, options, this.polling);
    this.subscriptions.add(subscription);
    return {
      name: subscription.name,
      stop: async () => {
        this.subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  saveSnapshot<S>(streamId: string, version: number, state: S): Promise<void> {
    assertStreamId(streamId);
    return snapshots.saveSnapshot(this.pool, streamId, version, state);
  }

  loadSnapshot<S>(streamId: string): Promise<Snapshot<S> | null> {
    return snapshots.loadSnapshot<S>(this.pool, streamId);
  }

  /** Stops the subscriptions and the listener; the pool stays open for its owner. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.subscriptions.clear();
    await this.signal.close();
  }
}
