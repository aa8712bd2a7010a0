import { journalRegistry } from '@ejournal/contracts';
import { PostgresEventStore } from '@ejournal/event-store';
import { createTestDatabase, requireInfra } from '@ejournal/testing';
import { UnhashedEventError } from '../errors';
import { MerkleFrontier } from '../merkle/merkle-frontier';
import { leafHash } from '../merkle/tree-hash';
import {
  buildWholeLog,
  integrityFixture,
  markRecorded,
  untilReadable,
  type IntegrityFixture,
} from '../testing/integrity-fixture';
import { referenceRoot } from '../testing/merkle-reference';
import { LogBuilder } from './log-builder';
import { logRoot, logSize } from './log-size';

jest.setTimeout(60_000);

describe('LogBuilder', () => {
  let fixture: IntegrityFixture;
  const eventHashesInSafeOrder = async () =>
    (
      await fixture.admin.query<{ hash: Buffer }>(
        'SELECT hash FROM event_store.events ORDER BY transaction_id, global_position',
      )
    ).rows.map((row) => row.hash);

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    fixture = await integrityFixture(await createTestDatabase('integrity log builder'));
    // 40 streams written concurrently, so the safe order interleaves them.
    await Promise.all(
      Array.from({ length: 40 }, (_, stream) =>
        (async () => {
          for (let version = 0; version < 7; version += 1) {
            await fixture.store.append(`journal-log-${stream}`, version, [markRecorded()]);
          }
        })(),
      ),
    );
  });

  afterAll(async () => {
    await fixture?.drop();
  });

  it('appends every event hash as a leaf in the safe order, in batches, with RFC roots', async () => {
    expect(await new LogBuilder(fixture.pool, 64).catchUp()).toBeGreaterThan(0);
    expect(await buildWholeLog(fixture)).toBe(280);
    const hashes = await eventHashesInSafeOrder();
    const leaves = await fixture.admin.query<{ event_hash: Buffer; leaf_index: string }>(
      'SELECT leaf_index, event_hash FROM event_store.merkle_leaves ORDER BY leaf_index',
    );
    expect(leaves.rows.map((row) => row.event_hash)).toEqual(hashes);
    expect(await logSize(fixture.pool)).toBe(280);
    for (const size of [1, 15, 16, 17, 255, 256, 257, 280]) {
      expect(await logRoot(fixture.pool, size)).toEqual(referenceRoot(hashes.slice(0, size)));
    }
  });

  it('stores the complete subtrees of every fourth level only', async () => {
    const nodes = await fixture.admin.query<{ level: number; count: number }>(
      'SELECT level, count(*)::int AS count FROM event_store.merkle_nodes GROUP BY level ORDER BY level',
    );
    expect(nodes.rows).toEqual([
      { level: 4, count: Math.floor(280 / 16) },
      { level: 8, count: 1 },
    ]);
  });

  it('carries on where another builder stopped, and races safely with it', async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        fixture.store.append(`journal-more-${i}`, 'noStream', [markRecorded()]),
      ),
    );
    const [first, second] = await Promise.all([
      new LogBuilder(fixture.pool, 7).catchUp(),
      new LogBuilder(fixture.pool, 5).catchUp(),
    ]);
    await buildWholeLog(fixture);
    const hashes = await eventHashesInSafeOrder();
    expect(first + second).toBeLessThanOrEqual(30);
    expect(await logSize(fixture.pool)).toBe(310);
    const frontier = MerkleFrontier.empty();
    hashes.forEach((hash) => frontier.push(leafHash(hash)));
    expect(await logRoot(fixture.pool, 310)).toEqual(frontier.root());
  });

  it('refuses to log an event that has no hash, naming it', async () => {
    const unhashed = new PostgresEventStore({
      pool: fixture.pool,
      schemas: journalRegistry,
      hashing: false,
    });
    const { positions } = await unhashed.append('journal-unhashed', 'noStream', [markRecorded()]);
    await untilReadable(fixture, 311);
    const attempt = new LogBuilder(fixture.pool).catchUp();
    await expect(attempt).rejects.toThrow(UnhashedEventError);
    await expect(new LogBuilder(fixture.pool).catchUp()).rejects.toMatchObject({
      code: 'INTEGRITY.UNHASHED_EVENT',
      streamId: 'journal-unhashed',
      streamVersion: 1,
      globalPosition: positions[0],
    });
  });
});
