import { requireInfra } from '@ejournal/testing';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { CopyOut } from './copy-out';

jest.setTimeout(60_000);

// Rows of 2 to 17 bytes of text, and every 50th of 160 kB: longer than any socket chunk.
const VARIED = `COPY (
  SELECT n, repeat(md5(n::text), CASE WHEN n % 50 = 0 THEN 5000 ELSE n % 17 END)
  FROM generate_series(1, 3000) AS n) TO STDOUT`;

/**
 * `CopyOut` on a real PostgreSQL connection: the CopyData bytes are the ones pg-copy-streams
 * reads, the server's errors fail it and leave the connection usable, a consumer's failure
 * fails it, and pausing holds the server back until resumed.
 */
describe('CopyOut', () => {
  let url: string;
  let client: Client;

  /** The ranges handed to `data`, joined; `copy` is the CopyOut they came through. */
  const received = (sql: string, onData?: (copy: CopyOut) => void) => {
    const parts: Buffer[] = [];
    const copy = new CopyOut(sql, (chunk, from, to) => {
      parts.push(Buffer.from(chunk.subarray(from, to)));
      onData?.(copy);
    });
    return { copy, parts, bytes: () => Buffer.concat(parts) };
  };

  const withPgCopyStreams = async (sql: string) => {
    const chunks: Buffer[] = [];
    for await (const chunk of client.query(copyTo(sql))) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  const stillUsable = async () =>
    expect((await client.query('SELECT 41 + 1 AS n')).rows).toEqual([{ n: 42 }]);

  beforeAll(async () => {
    url = (await requireInfra(['DATABASE_URL'])).DATABASE_URL;
  });

  beforeEach(async () => {
    client = new Client({ connectionString: url });
    await client.connect();
  });

  afterEach(async () => {
    await client.end().catch(() => undefined);
  });

  it('hands over the bytes pg-copy-streams reads, text and binary, and gives the connection back', async () => {
    for (const sql of [VARIED, VARIED.replace('TO STDOUT', 'TO STDOUT (FORMAT binary)')]) {
      const expected = await withPgCopyStreams(sql);
      expect(expected.length).toBeGreaterThan(5_000_000);
      const { copy, parts, bytes } = received(sql);
      client.query(copy);
      await copy.done;
      // Given in place: far fewer ranges than rows would mean the chunks were joined first.
      expect(parts.length).toBeGreaterThanOrEqual(3000);
      expect(bytes().equals(expected)).toBe(true);
      await stillUsable();
    }
  });

  it('fails with the server’s error, before and during the data, and the connection goes on', async () => {
    const before = received('COPY (SELECT * FROM no_such_table) TO STDOUT');
    client.query(before.copy);
    await expect(before.copy.done).rejects.toMatchObject({ code: '42P01' });
    expect(before.parts).toEqual([]);
    await stillUsable();

    // Division by zero at row 20,000, after a megabyte of the rows before it was sent.
    const during = received(
      `COPY (SELECT n, 1 / (20000 - n), repeat('x', 40) FROM generate_series(1, 30000) AS n) TO STDOUT`,
    );
    client.query(during.copy);
    await expect(during.copy.done).rejects.toMatchObject({ code: '22012' });
    const lines = during.bytes().toString('latin1').split('\n');
    expect(lines).toHaveLength(20_000);
    expect(lines.slice(-2)).toEqual([`19999\t1\t${'x'.repeat(40)}`, '']);
    await stillUsable();
  });

  it('fails with the consumer’s error when its data handler throws', async () => {
    const failure = new Error('the consumer gave up');
    const copy = new CopyOut(VARIED, () => {
      throw failure;
    });
    client.query(copy);
    await expect(copy.done).rejects.toBe(failure);
  });

  it('stops reading while paused, so the server waits to write, and completes once resumed', async () => {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = rows[0]?.pid;
    const watcher = new Client({ connectionString: url });
    await watcher.connect();
    try {
      const sql = `COPY (SELECT n, repeat('y', 1000) FROM generate_series(1, 40000) AS n) TO STDOUT`;
      let paused = -1;
      const { copy, parts, bytes } = received(sql, (copy) => {
        if (paused < 0) {
          paused = parts.length;
          copy.pause();
        }
      });
      client.query(copy);
      // The backend blocks on its socket once the kernel's buffers are full.
      for (const deadline = Date.now() + 30_000; ;) {
        const { rows: waits } = await watcher.query<{ wait_event: string | null }>(
          'SELECT wait_event FROM pg_stat_activity WHERE pid = $1',
          [pid],
        );
        if (waits[0]?.wait_event === 'ClientWrite') break;
        if (Date.now() > deadline) throw new Error('the server never waited to write');
      }
      // What the socket already held is read to its end, nothing after it.
      const heldBack = parts.length;
      expect(copy.paused).toBe(true);
      const { rows: again } = await watcher.query<{ wait_event: string | null }>(
        'SELECT wait_event FROM pg_stat_activity WHERE pid = $1',
        [pid],
      );
      expect(again[0]?.wait_event).toBe('ClientWrite');
      expect(parts.length).toBe(heldBack);
      copy.resume();
      await copy.done;
      const lines = bytes().toString('latin1').split('\n');
      expect(lines).toHaveLength(40_001);
      expect(lines[39_999]).toBe(`40000\t${'y'.repeat(1000)}`);
      expect(paused).toBe(1);
      await stillUsable();
    } finally {
      await watcher.end();
    }
  });
});
