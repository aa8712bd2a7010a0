import { journalRegistry } from '@ejournal/contracts';
import { Client, escapeIdentifier, Pool } from 'pg';
import { migrateEventStore } from '../migrations/migrate-event-store';
import type { EventStoreRoles } from '../migrations/event-store-roles';
import { PostgresEventStore } from '../postgres/postgres-event-store';

/** A fresh database as `@ejournal/testing`'s createTestDatabase gives it. */
export interface FreshDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export interface MigratedTestDatabase {
  name: string;
  /** As the superuser that created the database. */
  adminUrl: string;
  /** As the application role: what the services use. */
  appUrl: string;
  roles: EventStoreRoles;
  /** A pool connected as the application role, ended by `drop()`. */
  appPool(max?: number): Pool;
  /** A store on a new app-role pool with fast polling, closed by `drop()`. */
  store(options?: { clock?: () => Date; hashing?: boolean }): PostgresEventStore;
  /** Drops the database, then its roles (they are cluster-wide). */
  drop(): Promise<void>;
}

export function urlAs(url: string, user: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = '';
  return parsed.toString();
}

export async function migratedTestDatabase(database: FreshDatabase): Promise<MigratedTestDatabase> {
  const { roles } = await migrateEventStore(database.url);
  const appUrl = urlAs(database.url, roles.app);
  const pools: Pool[] = [];
  const stores: PostgresEventStore[] = [];
  const appPool = (max = 10) => {
    const pool = new Pool({ connectionString: appUrl, max });
    // pool.end() resolves before its sockets have closed, so the forced DROP DATABASE may
    // still terminate an idle client; without a listener that error would crash the worker.
    pool.on('error', () => undefined);
    pools.push(pool);
    return pool;
  };
  return {
    name: database.name,
    adminUrl: database.url,
    appUrl,
    roles,
    appPool,
    store(options = {}) {
      const store = new PostgresEventStore({
        pool: appPool(),
        schemas: journalRegistry,
        polling: { minMs: 10, maxMs: 200 },
        ...options,
      });
      stores.push(store);
      return store;
    },
    async drop() {
      await Promise.all(stores.map((store) => store.close()));
      await Promise.all(pools.map((pool) => pool.end()));
      await database.drop();
      await dropRoles(database.url, roles);
    },
  };
}

async function dropRoles(url: string, roles: EventStoreRoles): Promise<void> {
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    for (const role of [roles.app, roles.disposal, roles.owner]) {
      await client.query(`DROP ROLE IF EXISTS ${escapeIdentifier(role)}`);
    }
  } finally {
    await client.end();
  }
}
