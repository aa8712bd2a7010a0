import type { Connection } from 'mongoose';
import { Pool } from 'pg';
import { ensureFerretDbLookups, type LookupIndex } from './ferretdb-lookups';
import { keysOf, type LookupKeys } from './lookup-keys';
import { readStoreKind, type ReadStoreKind } from './read-store-kind';

export interface EnsureLookupsOptions {
  /**
   * FerretDB's PostgreSQL database (`READ_STORE_POSTGRES_URL`): where the lookup indexes go
   * when the read store is FerretDB 1.x. Without it they are not created and lookups scan.
   */
  postgresUrl?: string | undefined;
}

export type LookupsReport = ReadStoreKind & {
  indexes: LookupIndex[];
  /** FerretDB only: see `FerretDbLookups.planCacheMode`; `missing` without a PostgreSQL URL. */
  planCacheMode?: 'already' | 'set' | 'refused' | 'missing';
};

/**
 * Makes every declared equality lookup an index lookup on whichever server answers the
 * MongoDB API: on MongoDB (and Percona Server) ordinary `createIndex` calls, one per key; on
 * FerretDB 1.x GIN expression indexes on its PostgreSQL tables (ensureFerretDbLookups).
 * Idempotent: run at every start, it creates the collections and what is missing, e.g. after a
 * collection was dropped and created again (its table's indexes go with it).
 */
export async function ensureLookups(
  connection: Connection,
  lookups: readonly LookupKeys[],
  options: EnsureLookupsOptions = {},
): Promise<LookupsReport> {
  const db = connection.db;
  if (!db) throw new Error('the read store connection is not open');
  await createMissingCollections(connection, lookups);
  const server = await readStoreKind(db);
  if (server.kind === 'mongodb') {
    const indexes: LookupIndex[] = [];
    for (const lookup of lookups) {
      for (const key of keysOf(lookup).filter((each) => each !== '_id')) {
        const index = `${key}_lookup`;
        await db.collection(lookup.collection).createIndex({ [key]: 1 }, { name: index });
        indexes.push({ collection: lookup.collection, key, index, created: true });
      }
    }
    return { ...server, indexes };
  }
  if (!options.postgresUrl) return { ...server, indexes: [], planCacheMode: 'missing' };
  const pool = new Pool({ connectionString: options.postgresUrl, max: 1 });
  try {
    const done = await ensureFerretDbLookups(pool, db.databaseName, lookups);
    return { ...server, ...done };
  } finally {
    await pool.end();
  }
}

async function createMissingCollections(connection: Connection, lookups: readonly LookupKeys[]) {
  const db = connection.db;
  if (!db) return;
  const existing = new Set(
    (await db.listCollections({}, { nameOnly: true }).toArray()).map((each) => each.name),
  );
  for (const { collection } of lookups) {
    if (existing.has(collection)) continue;
    await db.createCollection(collection).catch((error: { codeName?: string }) => {
      // Another replica created it first.
      if (error.codeName !== 'NamespaceExists') throw error;
    });
  }
}
