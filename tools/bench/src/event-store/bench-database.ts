import { migrateEventStore } from '@ejournal/event-store';
import { Client, Pool } from 'pg';

export interface BenchDatabase {
  adminPool: Pool;
  appPool: Pool;
  drop(): Promise<void>;
}

function withUser(url: string, database: string, user?: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (user) {
    parsed.username = user;
    parsed.password = '';
  }
  return parsed.toString();
}

/**
 * A fresh, migrated event store database on the server of DATABASE_URL, with two pools of the
 * same size: the application role's (the store) and the admin's (the raw baselines).
 */
export async function createBenchDatabase(poolSize: number): Promise<BenchDatabase> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) throw new Error('DATABASE_URL is not set (npm run bench sets it)');
  const name = `bench_test_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const adminUrl = withUser(serverUrl, name);
  const { roles } = await migrateEventStore(adminUrl);
  const adminPool = new Pool({ connectionString: adminUrl, max: poolSize });
  const appPool = new Pool({
    connectionString: withUser(serverUrl, name, roles.app),
    max: poolSize,
  });
  // pool.end() resolves before its sockets have closed, so the forced DROP DATABASE may still
  // terminate an idle client; without a listener that error would crash the run.
  for (const pool of [adminPool, appPool]) pool.on('error', () => undefined);
  return {
    adminPool,
    appPool,
    async drop() {
      await Promise.all([adminPool.end(), appPool.end()]);
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      for (const role of [roles.app, roles.disposal, roles.owner]) {
        await admin.query(`DROP ROLE IF EXISTS ${role}`);
      }
      await admin.end();
    },
  };
}
