import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';

interface Waiter {
  version: number;
  resolve: () => void;
}

const POLL_MS = 100;

/**
 * Read-your-writes: a command returns once the read models include its events. The projector
 * reports what it applied; the database is polled too, for events another replica projected.
 * After the timeout the command still succeeds (its events are recorded); reads just lag.
 */
@Injectable()
export class ProjectionWaiter {
  private readonly logger = new Logger('projections');
  private readonly applied = new Map<string, number>();
  private readonly waiters = new Map<string, Set<Waiter>>();

  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  projected(streamId: string, version: number): void {
    if ((this.applied.get(streamId) ?? 0) < version) this.applied.set(streamId, version);
    for (const waiter of this.waiters.get(streamId) ?? []) {
      if (waiter.version <= version) waiter.resolve();
    }
  }

  async caughtUp(streamId: string, version: number, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.applied.get(streamId) ?? 0) < version) {
      if ((await this.storedVersion(streamId)) >= version) return;
      if (Date.now() > deadline) {
        this.logger.warn({ message: 'projection lags behind the command', streamId, version });
        return;
      }
      await this.until(streamId, version, POLL_MS);
    }
  }

  private async storedVersion(streamId: string): Promise<number> {
    const result = await this.pool.query<{ version: number }>(
      'SELECT version FROM identity.projection_versions WHERE stream_id = $1',
      [streamId],
    );
    return result.rows[0]?.version ?? 0;
  }

  private until(streamId: string, version: number, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.waiters.get(streamId) ?? new Set<Waiter>();
      this.waiters.set(streamId, waiters);
      const waiter: Waiter = { version, resolve: () => done() };
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(waiter);
        if (waiters.size === 0) this.waiters.delete(streamId);
        resolve();
      };
      waiters.add(waiter);
    });
  }
}
