import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { escapeIdentifier } from 'pg';

export interface Migration {
  /** File name without `.sql`, e.g. `001_events`; applied in this order. */
  name: string;
  sql: string;
  /** SHA-256 of the file as written, to notice an applied migration edited afterwards. */
  checksum: string;
}

const MIGRATION_FILE = /^(\d{3}_[a-z0-9_]+)\.sql$/;

/** `libs/event-store/migrations`, from the sources and from the compiled `dist/` alike. */
export const DEFAULT_MIGRATIONS_DIR = path.resolve(__dirname, '../../migrations');

export async function loadMigrations(directory = DEFAULT_MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(directory)).filter((name) => MIGRATION_FILE.test(name)).sort();
  return Promise.all(
    names.map(async (file) => {
      const sql = await readFile(path.join(directory, file), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      return { name: file.replace(/\.sql$/, ''), sql, checksum };
    }),
  );
}

/**
 * Replaces psql-style identifier variables (`:"owner_role"`) with quoted identifiers, so the
 * files also run with `psql -v owner_role=... -f`. `::"char"` casts are left alone.
 */
export function renderMigration(sql: string, identifiers: Record<string, string>): string {
  return sql.replace(/(?<!:):"([a-z_]+)"/g, (_match, variable: string) => {
    const value = identifiers[variable];
    if (value === undefined) throw new Error(`Migration uses unknown variable :"${variable}"`);
    return escapeIdentifier(value);
  });
}
