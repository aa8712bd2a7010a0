import { Client } from 'pg';
import { createTestDatabase, requireInfra, TestDatabase } from './index';

describe('PostgreSQL (real server)', () => {
  let database: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    database = await createTestDatabase('pg smoke');
    client = new Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('round-trips rows through SQL in a database of its own', async () => {
    const current = await client.query<{ name: string }>('SELECT current_database() AS name');
    expect(current.rows[0]?.name).toBe(database.name);

    await client.query('CREATE TABLE marks (id int PRIMARY KEY, value text NOT NULL)');
    await client.query('INSERT INTO marks VALUES ($1, $2), ($3, $4)', [1, '5', 2, 'н']);
    const rows = await client.query<{ id: number; value: string }>(
      'SELECT id, value FROM marks ORDER BY id',
    );
    expect(rows.rows).toEqual([
      { id: 1, value: '5' },
      { id: 2, value: 'н' },
    ]);
  });

  it('has the functions the event store relies on for ordered reads', async () => {
    const result = await client.query<{ xmin: string }>(
      'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
    );
    expect(Number(result.rows[0]?.xmin)).toBeGreaterThan(0);
  });
});
