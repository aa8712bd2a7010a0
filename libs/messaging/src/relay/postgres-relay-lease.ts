import type { GlobalCheckpoint } from '@ejournal/event-store';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { RelayLeaseLostError } from '../errors';
import type { RelayLease } from './relay-lease.port';

export interface PostgresRelayLeaseOptions {
  /** The event store's database, as the application role. Not through a pooler: see below. */
  connectionString: string;
  /** The relay's name: the lock key and the checkpoint's name (`relay:<name>`). */
  name: string;
  /** How often a standby replica tries to take the lock. */
  retryMs?: number;
  /** Category the relay follows, for the events-behind count; every stream when absent. */
  category?: string;
  /**
   * What the lease guards: `relay` (publishing, the default) or `projection` (one writer of a
   * read model: a projector's lease takes the lock only, its checkpoint is the subscription's)
   * or `integrity` (the store's Merkle log builder and checkpointer, lock only).
   */
  holder?: 'relay' | 'projection' | 'integrity';
}

/**
 * The relay's lease is a PostgreSQL session-level advisory lock, `pg_try_advisory_lock`, held
 * on a dedicated connection for as long as the replica publishes. The lock belongs to the
 * session, so it is released when the process exits or crashes (the socket closes, the
 * server ends the session) and TCP keepalives end a session whose peer vanished. Standby
 * replicas retry every `retryMs`. The checkpoint is read and written on that same session:
 * once the session is gone no write can land, so a replica that lost the lock cannot move
 * the checkpoint. Needs a direct connection (or a session-mode pooler): a
 * transaction-mode PgBouncer would hand the lock to whichever client uses the session next.
 */
export class PostgresRelayLease implements RelayLease {
  private client: Client | null = null;
  private lost: unknown = null;
  private locked = false;
  private readonly lockKey: string;
  private readonly checkpointName: string;

  constructor(private readonly options: PostgresRelayLeaseOptions) {
    const holder = options.holder ?? 'relay';
    this.lockKey = `ejournal.${holder}:${options.name}`;
    this.checkpointName = `${holder}:${options.name}`;
  }

  get held(): boolean {
    return this.locked && this.lost === null;
  }

  async acquire(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      const client = await this.session();
      const result = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
        [this.lockKey],
      );
      if (result.rows[0]?.locked) {
        this.locked = true;
        return true;
      }
      await sleep(this.options.retryMs ?? 1000, undefined, { signal }).catch(() => undefined);
    }
    return false;
  }

  async loadCheckpoint(): Promise<GlobalCheckpoint | null> {
    const result = await this.lockedSession().query<GlobalCheckpoint>(
      `SELECT transaction_id::text AS "txId", global_position::text AS position
       FROM event_store.subscription_checkpoints WHERE name = $1`,
      [this.checkpointName],
    );
    return result.rows[0] ?? null;
  }

  async saveCheckpoint(checkpoint: GlobalCheckpoint): Promise<void> {
    await this.lockedSession().query(
      `INSERT INTO event_store.subscription_checkpoints
         (name, transaction_id, global_position, updated_at)
       VALUES ($1, $2::xid8, $3::bigint, now())
       ON CONFLICT (name) DO UPDATE SET transaction_id = excluded.transaction_id,
         global_position = excluded.global_position, updated_at = excluded.updated_at`,
      [this.checkpointName, checkpoint.txId, checkpoint.position],
    );
  }

  async countBehind(checkpoint: GlobalCheckpoint, cap: number): Promise<number> {
    const result = await this.lockedSession().query<{ behind: number }>(
      `SELECT count(*)::int AS behind FROM (
         SELECT 1 FROM event_store.events
         WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
           AND ($3::text IS NULL OR category = $3)
         LIMIT $4) AS pending`,
      [checkpoint.txId, checkpoint.position, this.options.category ?? null, cap],
    );
    return result.rows[0]?.behind ?? 0;
  }

  /**
   * Whether the lock is still held, asked of the server: a session that died without a word
   * (a broken network) fails the query and counts as lost.
   */
  async confirm(): Promise<boolean> {
    if (!this.held || !this.client) return false;
    try {
      await this.client.query('SELECT 1');
    } catch (error) {
      this.lost ??= error;
    }
    return this.held;
  }

  /** Ends the session, which releases the lock with it. */
  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.locked = false;
    this.lost = null;
    await client?.end().catch(() => undefined);
  }

  private lockedSession(): Client {
    if (!this.client || !this.held) throw new RelayLeaseLostError(this.options.name, this.lost);
    return this.client;
  }

  private async session(): Promise<Client> {
    if (this.client && this.lost === null) return this.client;
    await this.release();
    const client = new Client({
      connectionString: this.options.connectionString,
      keepAlive: true,
      application_name: `${this.options.holder ?? 'relay'} ${this.options.name}`.slice(0, 63),
    });
    const markLost = (reason: unknown) => {
      if (this.client === client) this.lost = reason ?? new Error('connection ended');
    };
    client.on('error', markLost);
    client.on('end', () => markLost(null));
    this.client = client;
    await client.connect();
    return client;
  }
}
