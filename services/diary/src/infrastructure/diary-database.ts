import {
  appUrlOf,
  isAppRoleUrl,
  migrateEventStore,
  survivingConnectionLoss,
} from '@ejournal/event-store';
import path from 'node:path';
import { Pool } from 'pg';

/** `services/diary/migrations`, from the sources and from the compiled `dist/` alike. */
const DIARY_MIGRATIONS = path.resolve(__dirname, '../../migrations');

export interface DiaryDatabase {
  /** As the application role. */
  pool: Pool;
  close(): Promise<void>;
}

/**
 * The diary's tables, migrated by the user of `adminUrl` with the event store's migrator
 * (roles `<db>_owner` and `<db>_app`, one advisory lock per migration), then a pool as the
 * application role. The diary keeps no event store: its record is the journal's. Given the
 * application role's own URL, it migrates nothing: a migration Job did (deploy/k8s).
 */
export async function openDiaryDatabase(
  adminUrl: string,
  appPassword?: string,
): Promise<DiaryDatabase> {
  const pool = survivingConnectionLoss(
    new Pool({
      connectionString: isAppRoleUrl(adminUrl)
        ? adminUrl
        : await migrateDiary(adminUrl, appPassword),
      max: 20,
      idleTimeoutMillis: 30_000,
    }),
  );
  return { pool, close: () => pool.end() };
}

async function migrateDiary(adminUrl: string, appPassword?: string): Promise<string> {
  const { roles } = await migrateEventStore(adminUrl, {
    migrationsDir: DIARY_MIGRATIONS,
    ...(appPassword ? { appPassword } : {}),
  });
  return appUrlOf(adminUrl, roles.app, appPassword);
}
