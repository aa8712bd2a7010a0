import { PostgresRelayLease } from '@ejournal/messaging';
import { Client, type Pool } from 'pg';
import { PROJECTION_NAME } from './projection-name';

/** Held (exclusively) by an operator's rebuild for as long as the projection must not run. */
const REBUILD_LOCK = `ejournal.rebuild:${PROJECTION_NAME}`;
const LEASE_RETRY_MS = 200;

/**
 * Whether an operator's rebuild asked the projection to pause: its exclusive advisory lock is
 * held, so a shared try fails (taken and released in one statement's transaction).
 */
export async function rebuildRequested(pool: Pool): Promise<boolean> {
  const result = await pool.query<{ free: boolean }>(
    'SELECT pg_try_advisory_xact_lock_shared(hashtextextended($1, 0)) AS free',
    [REBUILD_LOCK],
  );
  return result.rows[0]?.free === false;
}

export interface PausedProjection {
  /** Lets the projection run again (ending the sessions releases both locks). */
  resume(): Promise<void>;
}

/**
 * Pauses the journal's projection on every replica, for a rebuild: takes the rebuild lock
 * (waiting for another rebuild to end), then the projection's own lease, which the replica
 * projecting gives up within a second of seeing the rebuild lock (JournalProjector). A crash of
 * the rebuild ends its sessions and lets the projection run again.
 */
export async function pauseProjection(
  storeUrl: string,
  signal?: AbortSignal,
): Promise<PausedProjection> {
  const rebuild = new Client({ connectionString: storeUrl, application_name: 'journal rebuild' });
  await rebuild.connect();
  const lease = new PostgresRelayLease({
    connectionString: storeUrl,
    name: PROJECTION_NAME,
    holder: 'projection',
    retryMs: LEASE_RETRY_MS,
  });
  try {
    await rebuild.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [REBUILD_LOCK]);
    if (!(await lease.acquire(signal ?? new AbortController().signal))) {
      throw new Error('stopped while waiting for the projection to pause');
    }
  } catch (error) {
    await lease.release();
    await rebuild.end();
    throw error;
  }
  return {
    async resume() {
      await lease.release();
      await rebuild.end();
    },
  };
}
