import { createTestDatabase, requireInfra } from '@ejournal/testing';
import { Client, escapeIdentifier } from 'pg';
import { StreamDisposedError } from '../errors';
import { lessons, streamId } from '../contract/test-events';
import {
  migratedTestDatabase,
  urlAs,
  type MigratedTestDatabase,
} from '../testing/migrated-test-database';

jest.setTimeout(30_000);

const DISPOSE = 'SELECT * FROM event_store.dispose_stream($1, $2, $3)';

async function attempt(client: Client, sql: string, values: unknown[] = []): Promise<string> {
  try {
    await client.query(sql, values);
    return 'succeeded';
  } catch (error) {
    return (error as Error).message;
  }
}

/** Polls until the safe order's horizon is past the newest transaction of the events table. */
async function untilHorizonPasses(admin: Client): Promise<void> {
  const passed = async () =>
    (
      await admin.query<{ passed: boolean }>(
        `SELECT pg_snapshot_xmin(pg_current_snapshot()) > max(transaction_id) AS passed
         FROM event_store.events`,
      )
    ).rows[0]?.passed === true;
  while (!(await passed())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('disposal after retention (SECURITY DEFINER, disposal role only)', () => {
  let database: MigratedTestDatabase;
  let admin: Client;
  let asApp: Client;
  let asOfficer: Client;
  let officer: string;
  const disposed = streamId();
  const kept = streamId();

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    database = await migratedTestDatabase(await createTestDatabase('event store disposal'));
    const store = database.store();
    await store.append(disposed, 'noStream', lessons(3));
    await store.append(kept, 'noStream', lessons(2));
    admin = new Client({ connectionString: database.adminUrl });
    await admin.connect();
    // The archive's records officer logs in as a member of the disposal role.
    officer = `${database.name}_officer`;
    await admin.query(`CREATE ROLE ${escapeIdentifier(officer)} LOGIN`);
    await admin.query(
      `GRANT ${escapeIdentifier(database.roles.disposal)} TO ${escapeIdentifier(officer)}`,
    );
    asApp = new Client({ connectionString: database.appUrl });
    asOfficer = new Client({ connectionString: urlAs(database.adminUrl, officer) });
    await Promise.all([asApp.connect(), asOfficer.connect()]);
  });

  afterAll(async () => {
    await asApp?.end();
    await asOfficer?.end();
    await admin?.query(`DROP ROLE IF EXISTS ${escapeIdentifier(officer)}`);
    await admin?.end();
    await database?.drop();
  });

  it('refuses the application role: it may not even call the function', async () => {
    const byApp = await attempt(asApp, DISPOSE, [disposed, 'act-1', 'app']);
    console.log(`disposal as the app role: ${byApp}`);
    expect(byApp).toBe('permission denied for function dispose_stream');
  });

  it('does not let the application role set its way past the trigger', async () => {
    await asApp.query(`SET event_store.disposal = 'on'`);
    const update = await attempt(asApp, 'UPDATE event_store.events SET canonical = NULL');
    expect(update).toBe('permission denied for table events');
    const insert = await attempt(
      asApp,
      `INSERT INTO event_store.disposals (stream_id, act_reference, disposed_by, executed_by,
         disposed_at, event_count, last_version) VALUES ($1, 'a', 'b', 'c', now(), 1, 1)`,
      [disposed],
    );
    expect(insert).toBe('permission denied for table disposals');
  });

  it('refuses the owner and a superuser outside the function', async () => {
    await admin.query('BEGIN');
    await admin.query(`SET LOCAL ROLE ${escapeIdentifier(database.roles.owner)}`);
    const asOwner = await attempt(
      admin,
      `UPDATE event_store.events SET canonical = NULL, metadata = '{}'`,
    );
    await admin.query('ROLLBACK');
    expect(asOwner).toBe(
      'event store records are immutable: UPDATE on event_store.events is rejected',
    );
  });

  it('lets the disposal role remove the payloads, keep the hashes and leave a tombstone', async () => {
    const before = await admin.query(
      'SELECT hash, prev_hash FROM event_store.events WHERE stream_id = $1 ORDER BY stream_version',
      [disposed],
    );
    const result = await asOfficer.query(DISPOSE, [
      disposed,
      'act 2031/17',
      'records officer Ivanova',
    ]);
    const tombstone = result.rows[0];
    console.log(
      'disposal tombstone',
      JSON.stringify({ ...tombstone, last_hash: tombstone.last_hash.toString('hex') }),
    );
    expect(tombstone).toMatchObject({
      stream_id: disposed,
      act_reference: 'act 2031/17',
      disposed_by: 'records officer Ivanova',
      executed_by: officer,
      event_count: 3,
      last_version: 3,
    });
    expect(tombstone.last_hash).toEqual(before.rows[2].hash);
    const after = await admin.query(
      `SELECT canonical, metadata, hash, prev_hash FROM event_store.events
       WHERE stream_id = $1 ORDER BY stream_version`,
      [disposed],
    );
    expect(after.rows.map((row) => [row.canonical, row.metadata])).toEqual([
      [null, {}],
      [null, {}],
      [null, {}],
    ]);
    expect(after.rows.map((row) => [row.hash, row.prev_hash])).toEqual(
      before.rows.map((row) => [row.hash, row.prev_hash]),
    );
  });

  it('hides the disposed stream from readers and leaves every other stream as it was', async () => {
    const store = database.store();
    expect(await store.readStream(disposed)).toEqual([]);
    const others = await store.readStream(kept);
    expect(others.map((event) => event.streamVersion)).toEqual([1, 2]);
    expect(others[1]?.prevHash).toBe(others[0]?.hash);
    // readAll shows only transactions older than the cluster-wide snapshot horizon, which a
    // long transaction of a test running beside this one may hold back: wait for the horizon
    // itself to pass every transaction that wrote here, then read once.
    await untilHorizonPasses(admin);
    const all = await store.readAll({ txId: '0', position: '0' });
    expect(all.entries.map((entry) => entry.event.streamId)).toEqual([kept, kept]);
  }, 60_000);

  it('refuses a second disposal of the stream and a disposal without an act', async () => {
    expect(await attempt(asOfficer, DISPOSE, [disposed, 'act 2031/18', 'x'])).toBe(
      `stream ${disposed} is already disposed`,
    );
    expect(await attempt(asOfficer, DISPOSE, [kept, '', 'x'])).toBe(
      'a disposal needs the act reference and who disposes',
    );
  });

  it('refuses an append to the disposed stream, whatever version it expects', async () => {
    const store = database.store();
    for (const expected of [3, 'any'] as const) {
      const refused = await store.append(disposed, expected, lessons(1)).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StreamDisposedError);
      expect(refused).toMatchObject({ code: 'EVENT_STORE.STREAM_DISPOSED', streamId: disposed });
    }
    const rows = await admin.query(
      'SELECT count(*)::int AS n FROM event_store.events WHERE stream_id = $1',
      [disposed],
    );
    expect(rows.rows[0].n).toBe(3);
    // The trigger guards the table itself, not only the store's append statement.
    const direct = await attempt(
      asApp,
      `INSERT INTO event_store.events (event_id, stream_id, stream_version, category, type,
         schema_version, region_id, school_id, occurred_at, recorded_at, canonical, metadata)
       VALUES (gen_random_uuid(), $1, 4, 'x', 'T', 1, 'r', 's', now(), now(), '\\x00', '{}')`,
      [disposed],
    );
    expect(direct).toBe(`stream ${disposed} is disposed: it takes no more events`);
    const next = await store.append(kept, 2, lessons(1));
    expect(next.lastVersion).toBe(3);
  });
});
