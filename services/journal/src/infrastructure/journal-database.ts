import { journalRegistry } from '@ejournal/contracts';
import { migrateEventStore, PostgresEventStore } from '@ejournal/event-store';
import path from 'node:path';
import { Pool } from 'pg';

/** `services/journal/migrations`, from the sources and from the compiled `dist/` alike. */
const JOURNAL_MIGRATIONS = path.resolve(__dirname, '../../migrations');

export interface JournalDatabase {
  /** As the application role: INSERT and SELECT on records, UPDATE on the facts tables. */
  pool: Pool;
  appUrl: string;
  store: PostgresEventStore;
  close(): Promise<void>;
}

function appUrlOf(adminUrl: string, appRole: string, password?: string): string {
  const url = new URL(adminUrl);
  url.username = encodeURIComponent(appRole);
  url.password = password ? encodeURIComponent(password) : '';
  return url.toString();
}

/**
 * Brings the event store and the journal's tables up to date as the migrating user of
 * `adminUrl`, then connects as the application role.
 */
export async function openJournalDatabase(
  adminUrl: string,
  appPassword?: string,
): Promise<JournalDatabase> {
  const { roles } = await migrateEventStore(adminUrl, appPassword ? { appPassword } : {});
  await migrateEventStore(adminUrl, { roles, migrationsDir: JOURNAL_MIGRATIONS });
  const appUrl = appUrlOf(adminUrl, roles.app, appPassword);
  const pool = new Pool({ connectionString: appUrl, max: 20, idleTimeoutMillis: 30_000 });
  pool.on('error', () => undefined); // an idle client's error surfaces on its next query
  const store = new PostgresEventStore({ pool, schemas: journalRegistry });
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
