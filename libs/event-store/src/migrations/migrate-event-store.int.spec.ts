import { createTestDatabase, requireInfra, type TestDatabase } from '@ejournal/testing';
import { Client } from 'pg';
import { migrateEventStore } from './migrate-event-store';
import { eventStoreRoles } from './event-store-roles';

jest.setTimeout(30_000);

describe('migrateEventStore', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    database = await createTestDatabase('event store migrate');
  });

  afterAll(async () => {
    await database?.drop();
    const admin = new Client({ connectionString: database.url.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    const roles = eventStoreRoles(database.name);
    await admin.query(`DROP ROLE IF EXISTS "${roles.app}", "${roles.disposal}", "${roles.owner}"`);
    await admin.end();
  });

  it('applies each migration once when replicas start together, then nothing', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => migrateEventStore(database.url)));
    const applied = runs.flatMap((run) => run.applied);
    expect(applied.sort()).toEqual([
      '001_events',
      '002_idempotency_records',
      '003_snapshots_and_checkpoints',
      '004_merkle_log',
      '005_disposal',
      '006_disposed_streams_closed',
      '007_witness_cosignatures',
    ]);
    expect((await migrateEventStore(database.url)).applied).toEqual([]);
  });

  it('derives the roles from the database: an owner without login, an app role with', async () => {
    const roles = eventStoreRoles(database.name);
    expect(roles).toEqual({
      owner: `${database.name}_owner`,
      app: `${database.name}_app`,
      disposal: `${database.name}_disposal`,
    });
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const found = await client.query(
        `SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolcanlogin`,
        [[roles.owner, roles.app, roles.disposal]],
      );
      expect(found.rows).toEqual(
        expect.arrayContaining([
          { rolname: roles.owner, rolcanlogin: false },
          { rolname: roles.disposal, rolcanlogin: false },
          { rolname: roles.app, rolcanlogin: true },
        ]),
      );
      expect(found.rows).toHaveLength(3);
      const owners = await client.query(
        `SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'event_store'`,
      );
      expect(owners.rows).toEqual([{ tableowner: roles.owner }]);
    } finally {
      await client.end();
    }
  });
});
