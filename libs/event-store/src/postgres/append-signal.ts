import type { Notification, Pool, PoolClient } from 'pg';
import { sleep } from '../subscriptions/backoff';

const CHANNEL = 'event_store_appended';

/**
 * LISTEN/NOTIFY as a hint that something was appended; subscriptions still poll, so a lost
 * notification or a broken listener only delays them. Notifications are sent after commit,
 * outside the append's transaction, because a notifying transaction holds a cluster-wide lock
 * while it commits, which would serialise every append's WAL flush. They are coalesced: at
 * most one in flight per store, and one more if appends happened meanwhile.
 */
export class AppendSignal {
  private listener: Promise<PoolClient | null> | null = null;
  private readonly waiters = new Set<() => void>();
  private notifying: Promise<void> | null = null;
  private notifyAgain = false;
  private closed = false;

  constructor(private readonly pool: Pool) {}

  notify(): void {
    if (this.closed) return;
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = this.pool.query(`NOTIFY ${CHANNEL}`).then(
      () => this.notified(),
      () => this.notified(),
    );
  }

  async wait(ms: number, signal: AbortSignal): Promise<boolean> {
    void this.listen();
    let woken = false;
    const wake = new AbortController();
    const waiter = () => {
      woken = true;
      wake.abort();
    };
    this.waiters.add(waiter);
    const onStop = () => wake.abort();
    signal.addEventListener('abort', onStop, { once: true });
    try {
      await sleep(ms, wake.signal);
    } finally {
      this.waiters.delete(waiter);
      signal.removeEventListener('abort', onStop);
    }
    return woken;
  }

  /** Ends listening; resolves once no notification is in flight, so the pool can end. */
  async close(): Promise<void> {
    this.closed = true;
    await this.notifying;
    const listener = this.listener;
    this.listener = null;
    (await listener)?.release(true);
  }

  private notified(): void {
    this.notifying = null;
    if (this.notifyAgain) {
      this.notifyAgain = false;
      this.notify();
    }
  }

  private listen(): Promise<PoolClient | null> {
    this.listener ??= this.connect();
    return this.listener;
  }

  private async connect(): Promise<PoolClient | null> {
    if (this.closed) return null;
    let client: PoolClient | undefined;
    try {
      client = await this.pool.connect();
      client.on('notification', (message: Notification) => {
        if (message.channel === CHANNEL) for (const waiter of [...this.waiters]) waiter();
      });
      const listening = client;
      const current = this.listener;
      // Until the next wait reconnects, subscriptions fall back to polling.
      client.on('error', () => {
        if (this.listener !== current) return;
        this.listener = null;
        listening.release(true);
      });
      await client.query(`LISTEN ${CHANNEL}`);
      return client;
    } catch {
      client?.release(true);
      this.listener = null;
      return null;
    }
  }
}
