import { journalRegistry } from '@ejournal/contracts';
import { openServiceStore, type ServiceStore } from '@ejournal/event-store';
import path from 'node:path';

/** `services/journal/migrations`, from the sources and from the compiled `dist/` alike. */
const JOURNAL_MIGRATIONS = path.resolve(__dirname, '../../migrations');

export type JournalDatabase = ServiceStore;

/** The event store and the journal's tables (identity facts), migrated, as the application role. */
export function openJournalDatabase(
  adminUrl: string,
  appPassword?: string,
): Promise<JournalDatabase> {
  return openServiceStore({
    adminUrl,
    appPassword,
    migrationsDir: JOURNAL_MIGRATIONS,
    schemas: journalRegistry,
  });
}
