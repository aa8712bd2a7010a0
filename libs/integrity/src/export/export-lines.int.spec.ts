import { createTestDatabase, requireInfra } from '@ejournal/testing';
import { writeFile } from 'node:fs/promises';
import { PassThrough, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Pool } from 'pg';
import { Checkpointer } from '../checkpoints/checkpointer';
import {
  buildWholeLog,
  integrityFixture,
  markRecorded,
  newSigner,
  type IntegrityFixture,
} from '../testing/integrity-fixture';
import { exportStreams, type ExportOptions } from './stream-export';
import type { StreamSelection } from './stream-export-format';
import { verifyStreamExport } from './verify-stream-export';

jest.setTimeout(60_000);

/**
 * The export read in pieces of the store's order on connections sharing one snapshot, against
 * one COPY on one connection and against `JSON.stringify` of each event's fields: the same
 * bytes, on a store whose rows were made odd behind the store's back (escapes, non-ASCII, NULL
 * and empty payloads, a payload longer than any socket chunk and than the buffers lines are
 * written in, instants before 2000 and with microseconds).
 */
describe('stream exports read in pieces on connections sharing a snapshot', () => {
  let fixture: IntegrityFixture;
  const clock = () => new Date('2031-06-30T12:00:00.000Z');

  // The file takes each write a turn later, so lines are formatted while others are written.
  const exported = async (selection: StreamSelection, options: ExportOptions) => {
    const chunks: Buffer[] = [];
    const out = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        setImmediate(done);
      },
    });
    const counts = await exportStreams(fixture.pool, selection, out, { clock, ...options });
    out.end();
    await finished(out);
    return { counts, bytes: Buffer.concat(chunks) };
  };

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    fixture = await integrityFixture(await createTestDatabase('integrity export lines'));
    const streams = ['journal-a', 'journal-b', 'journal-c', 'summary-x', 'journal-d', 'journal-e'];
    for (let version = 1; version <= 6; version++) {
      for (const stream of streams) await fixture.store.append(stream, 'any', [markRecorded()]);
    }
    const at = (stream: string, version: number) =>
      `WHERE stream_id = '${stream}' AND stream_version = ${version}`;
    await fixture.tamper(
      `UPDATE event_store.events SET stream_id = 'journal-"quoted"\\' || E'\\\\' || 'Ж\u0001' ${at('journal-b', 2)}`,
      `UPDATE event_store.events SET type = 'Тип' || E'\\t' || '"x"' ${at('journal-a', 3)}`,
      `UPDATE event_store.events SET canonical = NULL ${at('journal-c', 4)}`,
      `UPDATE event_store.events SET canonical = convert_to(repeat('payload ', 150000), 'UTF8') ${at('journal-d', 5)}`,
      `UPDATE event_store.events SET canonical = '' ${at('journal-d', 2)}`,
      `UPDATE event_store.events SET recorded_at = '1999-12-31 23:59:59.999999+00' ${at('summary-x', 1)}`,
      `UPDATE event_store.events SET recorded_at = '2031-06-30 08:15:42.123456+03' ${at('summary-x', 2)}`,
    );
    await buildWholeLog(fixture);
    const signer = newSigner('archive-2031');
    await new Checkpointer({ db: fixture.pool, signer, logId: 'ejournal/lines' }).checkpoint();
  });

  afterAll(async () => {
    await fixture?.drop();
  });

  it('are the bytes of one COPY, for the store, a category and chosen streams, in any pieces', async () => {
    const selections: StreamSelection[] = [
      {},
      { category: 'journal' },
      { streams: ['journal-d', 'journal-"quoted"\\\\Ж\u0001', 'summary-x'] },
    ];
    for (const selection of selections) {
      const reference = await exported(selection, { connections: 1, pieceEvents: 2 ** 40 });
      expect(reference.counts.events).toBeGreaterThan(0);
      for (const options of [
        {},
        { connections: 1 },
        { connections: 1, pieceEvents: 2 },
        { connections: 2, pieceEvents: 1 },
        { connections: 3, pieceEvents: 4 },
        // Each piece ahead of the one written pauses its COPY as soon as it holds a line.
        { connections: 3, pieceEvents: 1, aheadBytes: 1 },
      ]) {
        const spelled = await exported(selection, options);
        expect({ selection, options, ...spelled.counts }).toEqual({
          selection,
          options,
          ...reference.counts,
        });
        expect(spelled.bytes.equals(reference.bytes)).toBe(true);
      }
    }
  });

  it('spell each event as JSON.stringify of its fields', async () => {
    const { rows } = await fixture.admin.query(
      `SELECT e.stream_id, e.stream_version, e.global_position::text AS position, e.event_id,
         e.type, to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
         e.canonical, encode(e.hash, 'hex') AS hash, l.leaf_index::int AS leaf
       FROM event_store.events AS e
       JOIN event_store.merkle_leaves AS l ON l.global_position = e.global_position
       ORDER BY e.global_position`,
    );
    const expected = rows.map(
      (row) =>
        `${JSON.stringify({
          kind: 'event',
          streamId: row.stream_id,
          streamVersion: row.stream_version,
          position: row.position,
          eventId: row.event_id,
          type: row.type,
          recordedAt: row.at,
          leafIndex: row.leaf,
          canonical: row.canonical?.toString('base64') ?? null,
          hash: row.hash,
        })}\n`,
    );
    const lines = (await exported({}, { pieceEvents: 3 })).bytes.toString('utf8').split(/(?<=\n)/);
    expect(lines.filter((line) => line.startsWith('{"kind":"event"'))).toEqual(expected);
  });

  it('spells what the verifier reads: the untouched streams verify, the tampered are named', async () => {
    const file = `${fixture.dir}/all.ndjson`;
    const { bytes } = await exported({}, { pieceEvents: 3 });
    await writeFile(file, bytes);
    const report = await verifyStreamExport(file, undefined, { parts: 3, threads: false });
    const named = new Set(report.problems.map((problem) => problem.streamId));
    expect(report.counts.events).toBe(36);
    expect(named.has('journal-e')).toBe(false);
    expect(named).toEqual(
      new Set([
        'journal-"quoted"\\\\Ж\u0001',
        'journal-b',
        'journal-a',
        'journal-c',
        'journal-d',
        'summary-x',
      ]),
    );
  });

  it('fails when its output is closed part way (an auditor gone), holding no connection', async () => {
    const pool = new Pool({ connectionString: fixture.appUrl, max: 2 });
    try {
      let writes = 0;
      const out = new Writable({
        highWaterMark: 1,
        write() {
          writes += 1;
          out.destroy();
        },
      });
      await expect(
        exportStreams(pool, {}, out, { clock, connections: 2, pieceEvents: 1 }),
      ).rejects.toThrow(/closed/);
      expect(writes).toBe(1);
      expect(pool.totalCount).toBe(pool.idleCount);
      expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it('leaves a pool of one connection usable, exported on that one alone', async () => {
    const single = new Pool({ connectionString: fixture.appUrl, max: 1 });
    try {
      const out = new PassThrough();
      out.resume();
      const counts = await exportStreams(single, {}, out, { clock });
      expect(counts.events).toBe(36);
      expect((await single.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await single.end();
    }
  });
});
