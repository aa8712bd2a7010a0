import { createTestDatabase, requireInfra } from '@ejournal/testing';
import { Client, escapeIdentifier } from 'pg';
import { migratedTestDatabase, type MigratedTestDatabase } from '../testing/migrated-test-database';

jest.setTimeout(30_000);

// The tamper-evidence tables: one row each, written as the superuser so that row triggers fire.
const ROWS = {
  merkle_leaves: `INSERT INTO event_store.merkle_leaves VALUES (0, '1', 1, 'journal-1', 1, '\\x${'11'.repeat(32)}')`,
  merkle_nodes: `INSERT INTO event_store.merkle_nodes VALUES (4, 0, '\\x${'22'.repeat(32)}')`,
  signing_keys: `INSERT INTO event_store.signing_keys VALUES ('k1', 'Ed25519', '\\x${'33'.repeat(32)}', now())`,
  checkpoints: `INSERT INTO event_store.checkpoints (log_id, tree_size, root_hash, signed_at, key_id,
    signature) VALUES ('log', 1, '\\x${'44'.repeat(32)}', now(), 'k1', '\\x${'55'.repeat(64)}')`,
  disposals: `INSERT INTO event_store.disposals (stream_id, act_reference, disposed_by, executed_by,
    disposed_at, event_count, last_version) VALUES ('journal-1', 'act', 'who', 'login', now(), 1, 1)`,
};
const UPDATES: Record<keyof typeof ROWS, string> = {
  merkle_leaves: 'stream_id = stream_id',
  merkle_nodes: 'level = 8',
  signing_keys: 'key_id = key_id',
  checkpoints: 'key_id = key_id',
  disposals: 'stream_id = stream_id',
};

async function attempt(client: Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
    return 'succeeded';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('the Merkle log, checkpoints, keys and tombstones are records too', () => {
  let database: MigratedTestDatabase;
  let asApp: Client;
  let asOwner: Client;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    database = await migratedTestDatabase(await createTestDatabase('event store log immutability'));
    asOwner = new Client({ connectionString: database.adminUrl });
    await asOwner.connect();
    for (const insert of Object.values(ROWS)) await asOwner.query(insert);
    await asOwner.query(`SET ROLE ${escapeIdentifier(database.roles.owner)}`);
    asApp = new Client({ connectionString: database.appUrl });
    await asApp.connect();
  });

  afterAll(async () => {
    await asApp?.end();
    await asOwner?.end();
    await database?.drop();
  });

  describe.each(Object.keys(ROWS) as (keyof typeof ROWS)[])('event_store.%s', (name) => {
    const table = `event_store.${name}`;

    it.each([
      ['UPDATE', `UPDATE ${table} SET ${UPDATES[name]}`],
      ['DELETE', `DELETE FROM ${table}`],
      ['TRUNCATE', `TRUNCATE ${table} CASCADE`],
    ])('refuses %s by the application role and by the owner', async (change, sql) => {
      expect(await attempt(asApp, sql)).toBe(`permission denied for table ${name}`);
      expect(await attempt(asOwner, sql)).toBe(
        `event store records are immutable: ${change} on ${table} is rejected`,
      );
    });
  });

  it('lets the application role append to the log but not sign as someone else', async () => {
    const leaf = ROWS.merkle_leaves
      .replace('VALUES (0,', 'VALUES (1,')
      .replace("'1', 1,", "'2', 2,");
    expect(await attempt(asApp, leaf)).toBe('succeeded');
    expect(await attempt(asApp, 'SELECT * FROM event_store.disposals')).toBe('succeeded');
    expect(
      await attempt(
        asApp,
        `INSERT INTO event_store.checkpoints (checkpoint_id, log_id,
      tree_size, root_hash, signed_at, key_id, signature) OVERRIDING SYSTEM VALUE VALUES (99, 'log', 1,
      '\\x${'44'.repeat(32)}', now(), 'k1', '\\x${'55'.repeat(64)}')`,
      ),
    ).toBe('permission denied for table checkpoints');
  });
});
