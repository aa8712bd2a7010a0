import { archiveRegistry } from '@ejournal/contracts';
import { openServiceStore, type ServiceStore } from '@ejournal/event-store';
import path from 'node:path';

/** `services/archive/migrations`, from the sources and from the compiled `dist/` alike. */
const ARCHIVE_MIGRATIONS = path.resolve(__dirname, '../../migrations');

/** The archive's event store and its tables (received checkpoints), migrated. */
export function openArchiveDatabase(adminUrl: string, appPassword?: string): Promise<ServiceStore> {
  return openServiceStore({
    adminUrl,
    appPassword,
    migrationsDir: ARCHIVE_MIGRATIONS,
    schemas: archiveRegistry,
  });
}
