import { Pool } from 'pg';
import { DependencyProbe, renewedOnFailure, withTimeout } from './dependency-probe';

export function postgresProbe(connectionString: string, timeoutMs = 2000): DependencyProbe {
  const connect = () => {
    const pool = new Pool({
      connectionString,
      max: 1,
      connectionTimeoutMillis: timeoutMs,
      idleTimeoutMillis: 10_000,
    });
    pool.on('error', () => undefined); // an idle client's error is reported by the next check
    return pool;
  };
  return renewedOnFailure('postgres', connect, {
    async check(pool) {
      const result = await withTimeout(pool.query('SELECT 1 AS ok'), timeoutMs, 'PostgreSQL');
      if (result.rows[0]?.ok !== 1) throw new Error('PostgreSQL answered SELECT 1 unexpectedly');
    },
    close: (pool) => pool.end(),
  });
}
