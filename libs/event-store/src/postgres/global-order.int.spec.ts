import { createTestDatabase, requireInfra } from '@ejournal/testing';
import { Client } from 'pg';
import { START, type GlobalEntry } from '../event-store.port';
import { migratedTestDatabase, type MigratedTestDatabase } from '../testing/migrated-test-database';
import { concurrentWriter, type WriterStats } from '../testing/concurrent-writer';

jest.setTimeout(60_000);

const WRITERS = 16;
const TRANSACTIONS_PER_WRITER = 40;
const STREAMS = 24;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('global order without skipping (PostgreSQL)', () => {
  let database: MigratedTestDatabase;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    database = await migratedTestDatabase(await createTestDatabase('event store global order'));
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('a reader in the safe order sees every event once in stream order; a naive one misses some', async () => {
    const started = Date.now();
    const streams = Array.from({ length: STREAMS }, (_unused, index) => `journal-order-${index}`);
    const stats: WriterStats = { committed: 0, held: 0, conflicts: 0 };
    let writing = true;

    const store = database.store();
    const safeSeen: GlobalEntry[] = [];
    // Follows the safe order until it has as many events as were committed, then reads once
    // more so that a duplicate would show.
    const safeReader = (async () => {
      const deadline = Date.now() + 30_000;
      let from = START;
      while (writing || safeSeen.length < stats.committed) {
        if (Date.now() > deadline) return;
        const page = await store.readAll(from, { limit: 200 });
        safeSeen.push(...page.entries);
        from = page.next;
        if (page.entries.length === 0) await sleep(2);
      }
      await sleep(50);
      safeSeen.push(...(await store.readAll(from)).entries);
    })();

    const naive = new Client({ connectionString: database.appUrl });
    await naive.connect();
    const naiveSeen = new Set<string>();
    const naiveReader = (async () => {
      let last = '0';
      for (;;) {
        const done = !writing;
        const page = await naive.query<{ position: string; event_id: string }>(
          `SELECT global_position::text AS position, event_id::text FROM event_store.events
           WHERE global_position > $1 ORDER BY global_position LIMIT 500`,
          [last],
        );
        for (const row of page.rows) naiveSeen.add(row.event_id);
        last = page.rows.at(-1)?.position ?? last;
        if (done && page.rows.length === 0) return;
        await sleep(2);
      }
    })();

    await Promise.all(
      Array.from({ length: WRITERS }, () =>
        concurrentWriter(database.appUrl, streams, TRANSACTIONS_PER_WRITER, stats),
      ),
    );
    writing = false;
    await Promise.all([safeReader, naiveReader]);
    await naive.end();

    const stored = await database
      .appPool(1)
      .query<{ id: string }>('SELECT event_id::text AS id FROM event_store.events');
    const storedIds = stored.rows.map((row) => row.id);
    const safeIds = safeSeen.map((entry) => entry.event.eventId);
    const naiveMissed = storedIds.filter((id) => !naiveSeen.has(id)).length;
    const versionsSeen = new Map<string, number[]>();
    for (const { event } of safeSeen) {
      versionsSeen.set(event.streamId, [
        ...(versionsSeen.get(event.streamId) ?? []),
        event.streamVersion,
      ]);
    }
    const figures = {
      writers: WRITERS,
      transactionsAttempted: WRITERS * TRANSACTIONS_PER_WRITER,
      heldTransactions: stats.held,
      versionConflicts: stats.conflicts,
      events: stats.committed,
      streams: versionsSeen.size,
      safeReaderSeen: safeIds.length,
      safeReaderDistinct: new Set(safeIds).size,
      naiveReaderSeen: naiveSeen.size,
      naiveReaderMissed: naiveMissed,
      durationMs: Date.now() - started,
    };
    console.log(`global-order figures ${JSON.stringify(figures)}`);

    expect(storedIds).toHaveLength(stats.committed);
    expect(safeIds).toHaveLength(stats.committed);
    expect(new Set(safeIds)).toEqual(new Set(storedIds));
    for (const versions of versionsSeen.values()) {
      expect(versions).toEqual(versions.map((_version, index) => index + 1));
    }
    expect(naiveMissed).toBeGreaterThan(0);
  });
});
