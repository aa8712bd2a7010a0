import type { Client } from 'pg';

/**
 * When PostgreSQL last saw each session named `applicationName` that holds no advisory lock
 * try to take one: the standby relays' attempts at the lease, as the server saw them. A
 * standby whose attempt succeeded would hold the lock and stop trying, so two different
 * start times of one standby prove that an attempt was made and refused.
 */
export async function lostLeaseAttempts(client: Client, applicationName: string) {
  const result = await client.query<{ pid: number; started: string }>(
    `SELECT activity.pid, activity.query_start::text AS started
     FROM pg_stat_activity AS activity
     WHERE activity.application_name = $1
       AND activity.query LIKE 'SELECT pg_try_advisory_lock%'
       AND NOT EXISTS (
         SELECT 1 FROM pg_locks AS lock
         WHERE lock.pid = activity.pid AND lock.locktype = 'advisory' AND lock.granted)`,
    [applicationName.slice(0, 63)],
  );
  return result.rows.map((row) => `${row.pid}@${row.started}`);
}
