import { createTestDatabase, requireInfra, type TestDatabase } from '@ejournal/testing';
import { Client } from 'pg';
import { lessonHeld, streamId } from '../contract/test-events';
import { START, type EventStore, type GlobalCheckpoint } from '../event-store.port';
import { migratedTestDatabase, type MigratedTestDatabase } from '../testing/migrated-test-database';

jest.setTimeout(30_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the safe order from `from` until `position` shows up: when it did, and where. */
async function watchFor(store: EventStore, from: GlobalCheckpoint, position: string) {
  for (;;) {
    const page = await store.readAll(from);
    const entry = page.entries.find((e) => e.event.globalPosition === position);
    if (entry) return { seenAt: Date.now(), checkpoint: entry.checkpoint };
    await sleep(10);
  }
}

async function appendAndWatch(store: EventStore, from: GlobalCheckpoint) {
  const result = await store.append(streamId(), 'noStream', [lessonHeld()]);
  const appendedAt = Date.now();
  return { appendedAt, result, ...(await watchFor(store, from, String(result.positions[0]))) };
}

describe('the cluster-wide horizon of the safe order (PostgreSQL)', () => {
  let database: MigratedTestDatabase;
  let elsewhere: TestDatabase;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    database = await migratedTestDatabase(await createTestDatabase('event store horizon'));
    elsewhere = await createTestDatabase('event store horizon other');
  });

  afterAll(async () => {
    await database?.drop();
    await elsewhere?.drop();
  });

  it('holds every reader back while a write transaction in another database stays open', async () => {
    const store = database.store();
    const baseline = await appendAndWatch(store, START);

    const other = new Client({ connectionString: elsewhere.url });
    await other.connect();
    await other.query('CREATE TABLE scratch (id int)');
    await other.query('BEGIN');
    await other.query('INSERT INTO scratch VALUES (1)');
    const heldSince = Date.now();

    // Appended and committed while the other transaction is open: no pause decides this, the
    // order of the statements does. A plain query sees the event, the safe order does not.
    const appended = await store.append(streamId(), 'noStream', [lessonHeld()]);
    const probe = new Client({ connectionString: database.appUrl });
    await probe.connect();
    const plain = await probe.query('SELECT count(*)::int AS n FROM event_store.events');
    await probe.end();
    const whileHeld = [await store.readAll(baseline.checkpoint)];
    whileHeld.push(await store.readAll(baseline.checkpoint));

    const commitSentAt = Date.now();
    await other.query('COMMIT');
    await other.end();
    const released = await watchFor(store, baseline.checkpoint, String(appended.positions[0]));

    const figures = {
      heldMs: commitSentAt - heldSince,
      seenAfterOtherCommitMs: released.seenAt - commitSentAt,
      baselineLagMs: baseline.seenAt - baseline.appendedAt,
    };
    console.log(`horizon figures ${JSON.stringify(figures)}`);

    expect(plain.rows[0].n).toBe(2);
    expect(whileHeld.map((page) => page.entries)).toEqual([[], []]);
    expect(whileHeld.map((page) => page.next)).toEqual([baseline.checkpoint, baseline.checkpoint]);
    expect(released.checkpoint.position).toBe(appended.positions[0]);
  });
});
