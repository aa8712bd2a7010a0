import { chainHash, hashedBytes } from '@ejournal/contracts';
import { createTestDatabase, requireInfra } from '@ejournal/testing';
import { Client } from 'pg';
import { lessons, streamId } from '../contract/test-events';
import { migratedTestDatabase, type MigratedTestDatabase } from '../testing/migrated-test-database';

jest.setTimeout(30_000);

interface HashRow {
  stream_version: number;
  canonical: Buffer;
  prev_hash: Buffer | null;
  hash: Buffer | null;
}

describe('the per-stream hash chain, computed in the append', () => {
  let database: MigratedTestDatabase;
  let client: Client;
  const rowsOf = async (stream: string) =>
    (
      await client.query<HashRow>(
        `SELECT stream_version, canonical, prev_hash, hash FROM event_store.events
         WHERE stream_id = $1 ORDER BY stream_version`,
        [stream],
      )
    ).rows;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    database = await migratedTestDatabase(await createTestDatabase('event store hash chain'));
    client = new Client({ connectionString: database.appUrl });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('chains every event to the previous one, within a batch and across appends', async () => {
    const store = database.store();
    const stream = streamId();
    await store.append(stream, 'noStream', lessons(3));
    await store.append(stream, 3, lessons(1));
    await store.append(stream, 4, lessons(2));
    const rows = await rowsOf(stream);
    expect(rows.map((row) => row.stream_version)).toEqual([1, 2, 3, 4, 5, 6]);
    let previous: Buffer | null = null;
    for (const row of rows) {
      expect(row.prev_hash).toEqual(previous);
      expect(row.hash).toEqual(chainHash(previous, row.canonical));
      previous = row.hash;
    }
  });

  it('reads the hashes back in the envelope as hex, null before the first event', async () => {
    const store = database.store();
    const stream = streamId();
    await store.append(stream, 'noStream', lessons(2));
    const [first, second] = await store.readStream(stream);
    const expected = chainHash(null, hashedBytes(first!));
    expect(first).toMatchObject({ prevHash: null, hash: expected.toString('hex') });
    expect(second?.prevHash).toBe(first?.hash);
    expect(second?.hash).toBe(chainHash(expected, hashedBytes(second!)).toString('hex'));
  });

  it('links concurrent appends to one stream to the head each one was checked against', async () => {
    const store = database.store();
    const stream = streamId();
    await Promise.all(Array.from({ length: 6 }, () => store.append(stream, 'any', lessons(2))));
    const rows = await rowsOf(stream);
    expect(rows).toHaveLength(12);
    rows.forEach((row, index) => {
      expect(row.prev_hash).toEqual(index === 0 ? null : rows[index - 1]!.hash);
      expect(row.hash).toEqual(chainHash(row.prev_hash, row.canonical));
    });
  });

  it('writes no hashes with hashing off, and does not restart a chain after them', async () => {
    const stream = streamId();
    await database.store({ hashing: false }).append(stream, 'noStream', lessons(2));
    await database.store().append(stream, 2, lessons(1));
    const rows = await rowsOf(stream);
    expect(rows.map((row) => [row.prev_hash, row.hash])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
  });
});
