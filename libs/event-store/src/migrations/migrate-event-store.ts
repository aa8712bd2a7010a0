import { Client, type ClientBase } from 'pg';
import {
  currentDatabase,
  ensureRoles,
  eventStoreRoles,
  type EventStoreRoles,
} from './event-store-roles';
import { DEFAULT_MIGRATIONS_DIR, loadMigrations, renderMigration } from './migration-files';

export interface MigrateEventStoreOptions {
  /** Defaults to `${database}_owner`, `${database}_app` and `${database}_disposal`. */
  roles?: EventStoreRoles;
  /** Sets the app role's password; without it an existing password is kept. */
  appPassword?: string;
  migrationsDir?: string;
}

export interface MigrateEventStoreResult {
  roles: EventStoreRoles;
  /** Migrations this call applied; empty when the database was up to date. */
  applied: string[];
}

// Any constant works: advisory locks are per database and the store itself takes none.
const MIGRATION_LOCK = 4_207_300_001;

/**
 * Brings the event store schema of the database at `adminUrl` up to date. `adminUrl` connects
 * as a superuser (or a CREATEROLE role that is a member of the owner role). Each migration runs
 * in its own transaction holding a transaction-level advisory lock, so replicas that start
 * together apply each migration once and the others wait, then find it applied.
 */
export async function migrateEventStore(
  adminUrl: string,
  options: MigrateEventStoreOptions = {},
): Promise<MigrateEventStoreResult> {
  const migrations = await loadMigrations(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const roles = options.roles ?? eventStoreRoles(await currentDatabase(client));
    await inLockedTransaction(client, async () => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS event_store_migrations`);
      await client.query(`CREATE TABLE IF NOT EXISTS event_store_migrations.applied (
        name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      await ensureRoles(client, roles, options.appPassword);
    });
    const applied: string[] = [];
    for (const migration of migrations) {
      await inLockedTransaction(client, async () => {
        const found = await client.query<{ checksum: string }>(
          'SELECT checksum FROM event_store_migrations.applied WHERE name = $1',
          [migration.name],
        );
        const checksum = found.rows[0]?.checksum;
        if (checksum !== undefined && checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} changed after it was applied`);
        }
        if (checksum !== undefined) return;
        await client.query(
          renderMigration(migration.sql, {
            owner_role: roles.owner,
            app_role: roles.app,
            disposal_role: roles.disposal,
          }),
        );
        await client.query(
          'INSERT INTO event_store_migrations.applied (name, checksum) VALUES ($1, $2)',
          [migration.name, migration.checksum],
        );
        applied.push(migration.name);
      });
    }
    return { roles, applied };
  } finally {
    await client.end();
  }
}

async function inLockedTransaction(client: ClientBase, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
