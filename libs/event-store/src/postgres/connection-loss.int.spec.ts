import { createTestDatabase, requireInfra } from '@ejournal/testing';
import { Client, Pool } from 'pg';
import { survivingConnectionLoss } from './connection-loss';

describe('a pool whose checked-out client loses its session', () => {
  it('keeps the process alive, fails that client, and serves the next query', async () => {
    await requireInfra();
    const database = await createTestDatabase('connection loss');
    const pool = survivingConnectionLoss(new Pool({ connectionString: database.url, max: 2 }));
    const killer = new Client({ connectionString: database.url });
    await killer.connect();
    try {
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // Checked out, between two queries, when the server ends the session (57P01). No
      // listener of the test's own: without the pool's, node-postgres' `error` event would be
      // unhandled and end the test run.
      await killer.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      const state = client as unknown as { _queryable: boolean };
      for (const deadline = Date.now() + 10_000; state._queryable;) {
        if (Date.now() > deadline) throw new Error('the client never learned its session ended');
        await new Promise((resolve) => setImmediate(resolve));
      }
      await expect(client.query('SELECT 1')).rejects.toThrow(/not queryable/);
      client.release();
      const again = await pool.query<{ ok: number }>('SELECT 1 AS ok');
      expect(again.rows[0]?.ok).toBe(1);
    } finally {
      await killer.end();
      await pool.end();
      await database.drop();
    }
  });
});
