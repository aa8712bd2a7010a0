import { createTestDatabase, requireInfra } from '@ejournal/testing';
import { PassThrough } from 'node:stream';
import type { Client, PoolClient } from 'pg';
import {
  buildWholeLog,
  integrityFixture,
  markRecorded,
  type IntegrityFixture,
} from '../testing/integrity-fixture';
import { NdjsonWriter } from './event-line-writer';
import { EVENT_COLUMNS, RowTally } from './event-rows';
import { copyPieces } from './export-pieces';

jest.setTimeout(60_000);

const LOCK = 716_016;
const REPEATS = 30;

/** The store's events in its order, each `times` over; behind the advisory lock when `gated`. */
const statement = (times: number, gated = false) => `COPY (
  SELECT ${EVENT_COLUMNS}
  FROM event_store.events AS e
  JOIN event_store.merkle_leaves AS l ON l.global_position = e.global_position
  CROSS JOIN generate_series(1, ${times}) AS t
  WHERE ${gated ? `(SELECT pg_advisory_xact_lock_shared(${LOCK})::text) = ''` : 'TRUE'}
  ORDER BY e.global_position, t) TO STDOUT (FORMAT binary)`;

/**
 * The export's memory bound: a piece formatted ahead of the one being written stops reading
 * its COPY once it holds its share, so its server waits on the socket, and goes on when the
 * piece before it is written.
 */
describe('export pieces on connections of their own', () => {
  let fixture: IntegrityFixture;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    fixture = await integrityFixture(await createTestDatabase('integrity export pieces'));
    for (let version = 1; version <= 4; version++) {
      await fixture.store.append('journal-a', 'any', [markRecorded()]);
    }
    // A line of 1.6 MB: more than one socket chunk and than the lines' buffers.
    await fixture.tamper(
      `UPDATE event_store.events SET canonical = convert_to(repeat('payload ', 150000), 'UTF8')
       WHERE stream_version = 2`,
    );
    await buildWholeLog(fixture);
  });

  afterAll(async () => {
    await fixture?.drop();
  });

  const exported = async (
    clients: PoolClient[],
    statements: string[],
    aheadBytes?: number,
    tally = new RowTally(),
  ) => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const writer = new NdjsonWriter(out);
    await copyPieces(clients, statements, writer, tally, aheadBytes);
    await writer.flush();
    return Buffer.concat(chunks);
  };

  const waitEvent = async (watcher: Client, pid: number) => {
    const { rows } = await watcher.query<{ wait: string | null }>(
      `SELECT wait_event_type || '/' || wait_event AS wait FROM pg_stat_activity WHERE pid = $1`,
      [pid],
    );
    return rows[0]?.wait ?? null;
  };

  it('holds a piece ahead back, its server waiting to write, until the one before is written', async () => {
    const statements = [statement(1, true), statement(REPEATS)];
    const clients = [await fixture.pool.connect(), await fixture.pool.connect()];
    let broken = true;
    try {
      const reference = await exported(clients.slice(0, 1), statements);
      const pids: number[] = [];
      for (const client of clients) {
        pids.push((await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
      }
      await fixture.admin.query(`SELECT pg_advisory_lock(${LOCK})`);
      const tally = new RowTally();
      const exporting = exported(clients, statements, 1, tally);
      exporting.catch(() => undefined);
      // The first piece waits for the lock; the second, ahead, must stop being read: its
      // server waits to write while no more of its rows come, one look after another (rows
      // read, the socket would have room again and the server go on).
      for (let deadline = Date.now() + 30_000, before = -1; ;) {
        const first = await waitEvent(fixture.admin, pids[0] as number);
        const second = await waitEvent(fixture.admin, pids[1] as number);
        const held = first === 'Lock/advisory' && second === 'Client/ClientWrite';
        if (held && tally.count === before) break;
        before = held ? tally.count : -1;
        if (Date.now() > deadline) throw new Error(`waits: ${first}, ${second}`);
      }
      expect(tally.count).toBeLessThan(4 * REPEATS);
      await fixture.admin.query(`SELECT pg_advisory_unlock(${LOCK})`);
      const bytes = await exporting;
      expect(tally.count).toBe(4 + 4 * REPEATS);
      expect(bytes.length).toBeGreaterThan(REPEATS * 1_600_000);
      expect(bytes.equals(reference)).toBe(true);
      broken = false;
    } finally {
      await fixture.admin.query(`SELECT pg_advisory_unlock_all()`);
      for (const client of clients) client.release(broken);
    }
  });
});
