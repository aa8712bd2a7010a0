import { Pool } from 'pg';
import { eventStoreRoles } from '../migrations/event-store-roles';
import { migrateEventStore } from '../migrations/migrate-event-store';
import type { EventSchemas } from '../event-store.port';
import { survivingConnectionLoss } from './connection-loss';
import { PostgresEventStore } from './postgres-event-store';

export interface ServiceStore {
  /** As the application role: INSERT and SELECT on records, more on the service's own tables. */
  pool: Pool;
  appUrl: string;
  store: PostgresEventStore;
  close(): Promise<void>;
}

export function appUrlOf(adminUrl: string, appRole: string, password?: string): string {
  const url = new URL(adminUrl);
  url.username = encodeURIComponent(appRole);
  url.password = password ? encodeURIComponent(password) : '';
  return url.toString();
}

/**
 * Whether `url` logs in as the application role of its database (`${db}_app`): then the
 * migrations are someone else's to run (a migration Job with a role that may create roles),
 * and the service only connects.
 */
export function isAppRoleUrl(url: string): boolean {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.slice(1));
  return database !== '' && decodeURIComponent(parsed.username) === eventStoreRoles(database).app;
}

/**
 * Brings the event store and then the service's own migrations up to date as the migrating
 * user of `adminUrl`, then connects as the application role. Replicas starting together apply
 * each migration once (advisory lock in the migrator). Given the application role's own URL
 * (`isAppRoleUrl`), it migrates nothing and connects with that URL as it is.
 */
export async function openServiceStore(options: {
  adminUrl: string;
  migrationsDir: string;
  schemas: EventSchemas;
  appPassword?: string | undefined;
}): Promise<ServiceStore> {
  const { adminUrl, appPassword } = options;
  const appUrl = isAppRoleUrl(adminUrl)
    ? adminUrl
    : await migrateService(adminUrl, options.migrationsDir, appPassword);
  const pool = survivingConnectionLoss(
    new Pool({ connectionString: appUrl, max: 20, idleTimeoutMillis: 30_000 }),
  );
  const store = new PostgresEventStore({ pool, schemas: options.schemas });
  return {
    pool,
    appUrl,
    store,
    async close() {
      await store.close();
      await pool.end();
    },
  };
}

/** The event store's migrations, then the service's; the application role's URL. */
async function migrateService(
  adminUrl: string,
  migrationsDir: string,
  appPassword: string | undefined,
): Promise<string> {
  const { roles } = await migrateEventStore(adminUrl, appPassword ? { appPassword } : {});
  await migrateEventStore(adminUrl, { roles, migrationsDir });
  return appUrlOf(adminUrl, roles.app, appPassword);
}
