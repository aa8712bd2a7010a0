import { identityRegistry } from '@ejournal/contracts';
import { openServiceStore, type ServiceStore } from '@ejournal/event-store';
import path from 'node:path';

export { appUrlOf } from '@ejournal/event-store';

/** `services/identity/migrations`, from the sources and from the compiled `dist/` alike. */
const IDENTITY_MIGRATIONS = path.resolve(__dirname, '../../migrations');

export type IdentityDatabase = ServiceStore;

/** The event store and identity's tables, migrated, as the application role. */
export function openIdentityDatabase(
  adminUrl: string,
  appPassword?: string,
): Promise<IdentityDatabase> {
  return openServiceStore({
    adminUrl,
    appPassword,
    migrationsDir: IDENTITY_MIGRATIONS,
    schemas: identityRegistry,
  });
}
