import { Pool } from 'pg';
import { DependencyProbe, withTimeout } from './dependency-probe';

export function postgresProbe(connectionString: string, timeoutMs = 2000): DependencyProbe {
  const pool = new Pool({
    connectionString,
    max: 1,
    connectionTimeoutMillis: timeoutMs,
    idleTimeoutMillis: 10_000,
  });
  pool.on('error', () => undefined); // an idle client's error is reported by the next check
  return {
    name: 'postgres',
    async check() {
      const result = await withTimeout(pool.query('SELECT 1 AS ok'), timeoutMs, 'PostgreSQL');
      if (result.rows[0]?.ok !== 1) throw new Error('PostgreSQL answered SELECT 1 unexpectedly');
    },
    close: () => pool.end(),
  };
}
