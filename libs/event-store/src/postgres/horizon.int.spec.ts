import { createTestDatabase, requireInfra, type TestDatabase } from '@ejournal/testing';
import { Client } from 'pg';
import { lessonHeld, streamId } from '../contract/test-events';
import { START, type EventStore, type GlobalCheckpoint } from '../event-store.port';
import { migratedTestDatabase, type MigratedTestDatabase } from '../testing/migrated-test-database';

jest.setTimeout(30_000);

const HOLD_MS = 2000;
const APPEND_AFTER_MS = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Appends one event and polls the safe order until it shows up: when it did, and where. */
async function appendAndWatch(store: EventStore, from: GlobalCheckpoint) {
  const result = await store.append(streamId(), 'noStream', [lessonHeld()]);
  const appendedAt = Date.now();
  for (;;) {
    const page = await store.readAll(from);
    const entry = page.entries.find((e) => e.event.globalPosition === result.positions[0]);
    if (entry) return { appendedAt, seenAt: Date.now(), checkpoint: entry.checkpoint, result };
    await sleep(10);
  }
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
    let commitSentAt = 0;
    const commit = sleep(HOLD_MS).then(async () => {
      commitSentAt = Date.now();
      await other.query('COMMIT');
    });

    await sleep(APPEND_AFTER_MS);
    const probe = new Client({ connectionString: database.appUrl });
    await probe.connect();
    const watched = appendAndWatch(store, baseline.checkpoint);
    await sleep(100);
    // Committed and visible to a plain query, yet not in the safe order.
    const plain = await probe.query('SELECT count(*)::int AS n FROM event_store.events');
    await probe.end();
    const held = await watched;
    await commit;
    await other.end();

    const figures = {
      holdMs: HOLD_MS,
      appendedAfterHoldBeganMs: held.appendedAt - heldSince,
      lagMs: held.seenAt - held.appendedAt,
      seenAfterOtherCommitMs: held.seenAt - commitSentAt,
      baselineLagMs: baseline.seenAt - baseline.appendedAt,
    };
    console.log(`horizon figures ${JSON.stringify(figures)}`);

    expect(plain.rows[0].n).toBe(2);
    expect(held.seenAt).toBeGreaterThanOrEqual(commitSentAt);
    // A timer may fire a millisecond early.
    expect(figures.lagMs).toBeGreaterThanOrEqual(HOLD_MS - figures.appendedAfterHoldBeganMs - 5);
    expect(figures.seenAfterOtherCommitMs).toBeLessThan(1000);
    expect(figures.baselineLagMs).toBeLessThan(HOLD_MS / 2);
  });
});
