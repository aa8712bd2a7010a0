import type { Pool } from 'pg';

/**
 * Makes a pool survive PostgreSQL going away under a client that is checked out. node-postgres
 * emits `error` on such a client when the server ends its session between two queries (a
 * restart, `pg_terminate_backend`); the pool listens only on idle clients, so without a
 * listener of the client's own the process dies of an unhandled `error` event (seen in the
 * fault suite: the diary and the archive exited on a PostgreSQL kill -9). With this, the
 * client's next query fails instead ("not queryable"), its caller retries as for any outage,
 * and the pool drops the broken client when it is released.
 */
export function survivingConnectionLoss(pool: Pool): Pool {
  pool.on('error', () => undefined); // an idle client's error surfaces on its next query
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return pool;
}
