import { requireInfra, testMongoUrl, testReadStorePostgresUrl } from '@ejournal/testing';
import mongoose, { type Connection } from 'mongoose';
import { Pool } from 'pg';
import { ensureLookups } from './ensure-lookups';
import { lookupPlan } from './lookup-plan';
import { readStoreKind } from './read-store-kind';

const DOCUMENTS = 3000;
const FINDS = 30;
const LOOKUPS = [{ collection: 'columns', keys: ['journalId'] }];

describe('ensureLookups (real MongoDB API: FerretDB 1.x locally)', () => {
  let connection: Connection;
  let pool: Pool;
  const db = () => connection.db as NonNullable<Connection['db']>;
  const ensure = () =>
    ensureLookups(connection, LOOKUPS, { postgresUrl: testReadStorePostgresUrl() });
  const insertColumns = () =>
    db()
      .collection<{ _id: string; journalId: string }>('columns')
      .insertMany(
        Array.from({ length: DOCUMENTS }, (_, i) => ({
          _id: `j${i % 100}|l${i}`,
          journalId: `j${i % 100}`,
        })),
      );
  const idxScans = async (index: string) => {
    const { rows } = await pool.query<{ scans: string }>(
      'SELECT idx_scan AS scans FROM pg_stat_user_indexes WHERE indexrelname = $1',
      [index],
    );
    return Number(rows[0]?.scans ?? 0);
  };

  beforeAll(async () => {
    await requireInfra(['MONGO_URL', 'DATABASE_URL']);
    connection = await mongoose
      .createConnection(testMongoUrl('read store lookups').url)
      .asPromise();
    pool = new Pool({ connectionString: testReadStorePostgresUrl(), max: 2 });
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
    await pool?.end();
  });

  it('turns the scans of _id and key lookups into index scans, idempotently', async () => {
    expect((await readStoreKind(db())).kind).toBe('ferretdb');
    await db().createCollection('columns');
    await insertColumns();
    await pool.query(
      `ANALYZE ${JSON.stringify(db().databaseName)}.${JSON.stringify(await tableOf('columns'))}`,
    );
    const before = await lookupPlan(db(), 'columns', { journalId: 'j7' });
    const beforeId = await lookupPlan(db(), 'columns', { _id: 'j7|l7' });
    expect([before.indexed, beforeId.indexed]).toEqual([false, false]);
    expect(before.nodes).toContain('Seq Scan');

    const first = await ensure();
    expect(first.indexes.map(({ key, created }) => [key, created])).toEqual([
      ['_id', true],
      ['journalId', true],
    ]);
    expect(['already', 'set']).toContain(first.planCacheMode);
    const byKey = await lookupPlan(db(), 'columns', { journalId: 'j7' });
    const byId = await lookupPlan(db(), 'columns', { _id: 'j7|l7' });
    expect(byKey).toMatchObject({ indexed: true, indexes: [first.indexes[1]?.index] });
    expect(byId).toMatchObject({ indexed: true, indexes: [first.indexes[0]?.index] });

    const again = await ensure();
    expect(again.indexes.map(({ created }) => created)).toEqual([false, false]);
  });

  // FerretDB prepares one statement per table and connection; PostgreSQL would switch it to a
  // generic plan (a scan: the key is a parameter) after five runs without force_custom_plan.
  it('serves the driver’s own finds with the index, every time (custom plans)', async () => {
    const index = (await ensure()).indexes.find(({ key }) => key === 'journalId')?.index ?? '';
    const scansBefore = await idxScans(index);
    for (let i = 0; i < FINDS; i += 1) {
      const found = await db()
        .collection('columns')
        .find({ journalId: `j${i}` })
        .toArray();
      expect(found).toHaveLength(DOCUMENTS / 100);
    }
    // A backend publishes its counters when idle, at most every 10 s: wait for them, bounded.
    for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
      if ((await idxScans(index)) >= scansBefore + FINDS) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await idxScans(index)) - scansBefore).toBeGreaterThanOrEqual(FINDS);
  }, 30_000);

  it('builds them again for a collection dropped and created anew', async () => {
    await db().dropCollection('columns');
    await db().createCollection('columns');
    await insertColumns();
    const report = await ensure();
    expect(report.indexes.map(({ created }) => created)).toEqual([true, true]);
    expect((await lookupPlan(db(), 'columns', { journalId: 'j3' })).indexed).toBe(true);
  });

  async function tableOf(collection: string): Promise<string> {
    const { rows } = await pool.query<{ table: string }>(
      `SELECT _jsonb->>'table' AS table FROM ${JSON.stringify(db().databaseName)}._ferretdb_database_metadata WHERE _jsonb->>'_id' = $1`,
      [collection],
    );
    return rows[0]?.table ?? '';
  }
});
