import { appUrlOf, eventStoreRoles, isAppRoleUrl } from '@ejournal/event-store';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';

/** The login the journal disposes with: `${db}_disposer`, a member of `${db}_disposal` only. */
export function disposerRole(database: string): string {
  return `${database}_disposer`;
}

/**
 * Makes sure the disposer login exists, can log in and holds the store's disposal role (and
 * nothing else), and returns its connection string. Run with the migrating user, like the
 * store's migrations; idempotent, so replicas may run it together.
 */
export async function ensureDisposerLogin(adminUrl: string, password?: string): Promise<string> {
  if (isAppRoleUrl(adminUrl)) {
    throw new Error('DATABASE_URL is the application role: set DISPOSAL_DATABASE_URL to dispose');
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ name: string }>('SELECT current_database() AS name');
    const database = rows[0]?.name as string;
    const login = disposerRole(database);
    const disposal = eventStoreRoles(database).disposal;
    const secret = password ? ` PASSWORD ${escapeLiteral(password)}` : '';
    await admin.query('SELECT pg_advisory_lock(4207300077)');
    try {
      const found = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login]);
      const verb = found.rowCount ? 'ALTER' : 'CREATE';
      await admin.query(
        `${verb} ROLE ${escapeIdentifier(login)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE${secret}`,
      );
      await admin.query(`GRANT ${escapeIdentifier(disposal)} TO ${escapeIdentifier(login)}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(4207300077)');
    }
    return appUrlOf(adminUrl, login, password);
  } finally {
    await admin.end();
  }
}
