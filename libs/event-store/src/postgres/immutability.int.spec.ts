import { createTestDatabase, requireInfra } from '@ejournal/testing';
import { Client, escapeIdentifier } from 'pg';
import { lessons, streamId } from '../contract/test-events';
import { migratedTestDatabase, type MigratedTestDatabase } from '../testing/migrated-test-database';

jest.setTimeout(30_000);

const RECORD_TABLES = ['event_store.events', 'event_store.idempotency_records'];
const CHANGES = {
  UPDATE: (table: string) =>
    table.endsWith('events')
      ? `UPDATE ${table} SET type = 'Forged'`
      : `UPDATE ${table} SET key = 'forged'`,
  DELETE: (table: string) => `DELETE FROM ${table}`,
  TRUNCATE: (table: string) => `TRUNCATE ${table}`,
};

/** The message a statement fails with, or 'succeeded'. */
async function attempt(client: Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
    return 'succeeded';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('immutability enforced by PostgreSQL', () => {
  let database: MigratedTestDatabase;
  let asApp: Client;
  let asOwner: Client;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    database = await migratedTestDatabase(await createTestDatabase('event store immutability'));
    // The service's own path writes the records, as the application role.
    const store = database.store();
    await store.append(streamId(), 'noStream', lessons(2), {
      idempotency: { caller: 'c', route: 'r', key: 'k1', bodyHash: 'h', response: { ok: true } },
    });
    asApp = new Client({ connectionString: database.appUrl });
    await asApp.connect();
    // The owner cannot log in: the superuser becomes it, as a migration would.
    asOwner = new Client({ connectionString: database.adminUrl });
    await asOwner.connect();
    await asOwner.query(`SET ROLE ${escapeIdentifier(database.roles.owner)}`);
  });

  afterAll(async () => {
    await asApp?.end();
    await asOwner?.end();
    await database?.drop();
  });

  it('connects the application role as itself, not as a superuser or the owner', async () => {
    const who = await asApp.query(
      'SELECT current_user AS name, rolsuper FROM pg_roles WHERE rolname = current_user',
    );
    expect(who.rows[0]).toEqual({ name: database.roles.app, rolsuper: false });
    const login = await asOwner.query(
      'SELECT rolcanlogin FROM pg_roles WHERE rolname = current_user',
    );
    expect(login.rows[0]).toEqual({ rolcanlogin: false });
  });

  it.each(RECORD_TABLES)(
    'lets the application role INSERT into and SELECT from %s',
    async (table) => {
      const count = await asApp.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect(count.rows[0].n).toBeGreaterThan(0);
      const insert = table.endsWith('events')
        ? `INSERT INTO ${table} (event_id, stream_id, stream_version, category, type, schema_version,
           region_id, school_id, occurred_at, recorded_at, canonical, metadata)
         VALUES (gen_random_uuid(), 'journal-raw', 1, 'journal', 'LessonHeld', 1, 'r', 's', now(),
           now(), '\\x7b7d', '{}')`
        : `INSERT INTO ${table} (caller, route, key, body_hash, response, stream_id, first_version,
           last_version, positions, recorded_at) VALUES ('c', 'r', 'k2', 'h', '{}', 'journal-raw',
           1, 1, '{1}', now())`;
      expect(await attempt(asApp, insert)).toBe('succeeded');
    },
  );

  describe.each(RECORD_TABLES)('%s', (table) => {
    const name = table.split('.')[1];

    it.each(Object.keys(CHANGES) as (keyof typeof CHANGES)[])(
      'refuses %s by the application role (permission) and by the owner (trigger)',
      async (change) => {
        const sql = CHANGES[change](table);
        const byApp = await attempt(asApp, sql);
        const byOwner = await attempt(asOwner, sql);
        console.log(`${change} ${table} as app: ${byApp} | as owner: ${byOwner}`);
        expect(byApp).toBe(`permission denied for table ${name}`);
        expect(byOwner).toBe(
          `event store records are immutable: ${change} on ${table} is rejected`,
        );
      },
    );

    it('refuses DROP and ALTER by the application role', async () => {
      const drop = await attempt(asApp, `DROP TABLE ${table}`);
      const alter = await attempt(asApp, `ALTER TABLE ${table} DISABLE TRIGGER ALL`);
      console.log(`DROP ${table} as app: ${drop} | ALTER: ${alter}`);
      expect(drop).toBe(`must be owner of table ${name}`);
      expect(alter).toBe(`must be owner of table ${name}`);
    });
  });

  it('does not let the application role forge a place in the global order', async () => {
    const forged = await attempt(
      asApp,
      `INSERT INTO event_store.events (transaction_id, event_id, stream_id, stream_version,
         category, type, schema_version, region_id, school_id, occurred_at, recorded_at,
         canonical, metadata)
       VALUES ('1', gen_random_uuid(), 'journal-raw', 2, 'journal', 'LessonHeld', 1, 'r', 's',
         now(), now(), '\\x7b7d', '{}')`,
    );
    expect(forged).toBe('permission denied for table events');
  });

  it('lets the application role move its caches and positions', async () => {
    const update = `UPDATE event_store.subscription_checkpoints SET global_position = 0`;
    expect(await attempt(asApp, update)).toBe('succeeded');
    expect(await attempt(asApp, 'UPDATE event_store.snapshots SET state = state')).toBe(
      'succeeded',
    );
  });
});
