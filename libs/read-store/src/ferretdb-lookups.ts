import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { keysOf, type LookupKeys } from './lookup-keys';

/** One lookup key's index as this step found or left it. */
export interface LookupIndex {
  collection: string;
  key: string;
  index: string;
  /** Created now (false: it was there and valid). */
  created: boolean;
}

export interface FerretDbLookups {
  indexes: LookupIndex[];
  /**
   * `plan_cache_mode = force_custom_plan` on FerretDB's PostgreSQL database: there already,
   * set now (FerretDB's open connections keep their mode until they reconnect), or refused
   * (the role may not alter the database: an operator sets it).
   */
  planCacheMode: 'already' | 'set' | 'refused';
}

/** Above this many rows an index is built CONCURRENTLY, so FerretDB's writes go on meanwhile. */
const BUILD_ONLINE_FROM_ROWS = 10_000;
const LOCK = 'ejournal.read-store.lookups';
const MAX_NAME = 63;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * FerretDB 1.x sends every equality filter as `_jsonb->$key @> $value` (`_id` included) and its
 * own btree indexes never serve that. PostgreSQL does, with a GIN index on exactly the
 * expression `(_jsonb->'key') jsonb_path_ops`, provided the planner sees the key as a constant:
 * a custom plan for FerretDB's prepared statement, so its database gets `plan_cache_mode =
 * force_custom_plan` (read by connections opened afterwards). This creates, idempotently and
 * under an advisory lock (replicas start together), one such index per declared key on the
 * collection's table, found through the database's `_ferretdb_database_metadata`; an invalid
 * index a failed online build left is dropped and built again. The collections must exist.
 * `fastupdate = off`: GIN's pending list (inserts parked unsorted until a vacuum) is scanned by
 * every lookup, and a read model takes inserts all day.
 */
export async function ensureFerretDbLookups(
  pool: Pool,
  database: string,
  lookups: readonly LookupKeys[],
): Promise<FerretDbLookups> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [LOCK]);
    try {
      const tables = await tablesOf(client, database);
      const indexes: LookupIndex[] = [];
      for (const lookup of lookups) {
        const table = tables.get(lookup.collection);
        if (!table) {
          throw new Error(`FerretDB has no table for ${database}.${lookup.collection} yet`);
        }
        for (const key of keysOf(lookup)) {
          const index = indexName(table, key);
          const created = await ensureIndex(client, database, table, key, index);
          indexes.push({ collection: lookup.collection, key, index, created });
        }
      }
      return { indexes, planCacheMode: await forceCustomPlans(client) };
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [LOCK]);
    }
  } finally {
    client.release();
  }
}

/** Collection name → table, from the metadata FerretDB keeps in the database's schema. */
async function tablesOf(client: PoolClient, database: string): Promise<Map<string, string>> {
  const exists = await client.query(
    `SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = '_ferretdb_database_metadata'`,
    [database],
  );
  if (exists.rowCount === 0) return new Map();
  const { rows } = await client.query<{ collection: string; table: string }>(
    `SELECT _jsonb->>'_id' AS collection, _jsonb->>'table' AS table
       FROM ${ident(database)}._ferretdb_database_metadata`,
  );
  return new Map(rows.map((row) => [row.collection, row.table]));
}

/** `<table>_<key>_lookup`, or, when PostgreSQL would truncate that, a hashed name. */
export function indexName(table: string, key: string): string {
  const plain = `${table}_${key}_lookup`;
  if (plain.length <= MAX_NAME) return plain;
  const hash = createHash('sha256').update(plain).digest('hex').slice(0, 12);
  return `${plain.slice(0, MAX_NAME - 13)}_${hash}`;
}

async function ensureIndex(
  client: PoolClient,
  schema: string,
  table: string,
  key: string,
  index: string,
): Promise<boolean> {
  const found = await client.query<{ valid: boolean; options: string[] | null }>(
    `SELECT i.indisvalid AS valid, c.reloptions AS options FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_index i ON i.indexrelid = c.oid
      WHERE n.nspname = $1 AND c.relname = $2`,
    [schema, index],
  );
  const existing = found.rows[0];
  if (existing?.valid) {
    if (!(existing.options ?? []).includes('fastupdate=off')) {
      // Built by an earlier version with a pending list: lookups would scan it.
      await client.query(`ALTER INDEX ${ident(schema)}.${ident(index)} SET (fastupdate = off)`);
      await client.query('SELECT gin_clean_pending_list($1::regclass)', [
        `${ident(schema)}.${ident(index)}`,
      ]);
    }
    return false;
  }
  if (existing) await client.query(`DROP INDEX CONCURRENTLY ${ident(schema)}.${ident(index)}`);
  const rows = await client.query<{ rows: number }>(
    `SELECT reltuples::float8 AS rows FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2`,
    [schema, table],
  );
  const online = (rows.rows[0]?.rows ?? 0) >= BUILD_ONLINE_FROM_ROWS;
  // The key is a checked field name (keysOf), quoted as a literal for the expression.
  await client.query(
    `CREATE INDEX ${online ? 'CONCURRENTLY ' : ''}IF NOT EXISTS ${ident(index)}
        ON ${ident(schema)}.${ident(table)} USING gin ((_jsonb -> '${key}') jsonb_path_ops)
        WITH (fastupdate = off)`,
  );
  return true;
}

/** Sets `plan_cache_mode = force_custom_plan` on the current database unless it is set. */
async function forceCustomPlans(client: PoolClient): Promise<FerretDbLookups['planCacheMode']> {
  const { rows } = await client.query<{ database: string; settings: string[] | null }>(
    `SELECT d.datname AS database, s.setconfig AS settings FROM pg_database d
       LEFT JOIN pg_db_role_setting s ON s.setdatabase = d.oid AND s.setrole = 0
      WHERE d.datname = current_database()`,
  );
  const [row] = rows;
  if (!row) throw new Error('the current database is not in pg_database');
  if ((row.settings ?? []).includes('plan_cache_mode=force_custom_plan')) return 'already';
  try {
    await client.query(
      `ALTER DATABASE ${ident(row.database)} SET plan_cache_mode = force_custom_plan`,
    );
    return 'set';
  } catch {
    return 'refused';
  }
}
