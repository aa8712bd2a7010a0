import { PassThrough } from 'node:stream';
import { readEventLine } from './event-line-reader';
import { NdjsonWriter } from './event-line-writer';
import { EventRows } from './event-rows';

const int = (bytes: number, value: bigint) => {
  const out = Buffer.alloc(bytes);
  if (bytes === 2) out.writeInt16BE(Number(value));
  else if (bytes === 4) out.writeInt32BE(Number(value));
  else out.writeBigInt64BE(value);
  return out;
};
const canonical = Buffer.from('{"eventId":"0190c0de-0000-7000-8000-00000000002a","type":"X"}');
const hash = Buffer.from('8e1fd38235f7ce18a5105ceaaccb9a254abeeca2c81e981dd19dd16c39abf1fb', 'hex');

/** A row as the export's binary COPY sends it, fields given by their bytes (null: NULL). */
function copyRow(fields: (Buffer | null)[]): Buffer {
  const parts: Buffer[] = [int(2, BigInt(fields.length))];
  for (const field of fields) {
    parts.push(int(4, BigInt(field?.length ?? -1)), field ?? Buffer.alloc(0));
  }
  return Buffer.concat(parts);
}

/** PostgreSQL's binary COPY stream of these rows: signature, flags, an extension, trailer. */
function copyStream(rows: Buffer[]): Buffer {
  const signature = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
  const header = Buffer.concat([signature, int(4, 0n), int(4, 3n), Buffer.from('ext')]);
  return Buffer.concat([header, ...rows, int(2, -1n)]);
}

function row(streamId: string, type = 'MarkRecorded', payload: Buffer | null = canonical) {
  const micros = BigInt(Date.UTC(2027, 4, 20, 10, 0, 0, 123) - Date.UTC(2000, 0, 1)) * 1000n;
  return copyRow([
    Buffer.from(streamId),
    int(4, 3n),
    int(8, 9_007_199_254_740_993n),
    Buffer.from('0190c0de00007000800000000000002a', 'hex'),
    Buffer.from(type),
    int(8, micros),
    payload,
    hash,
    int(8, 41n),
  ]);
}

/** What the exporter wrote before it assembled lines from bytes: JSON.stringify per field. */
function stringified(streamId: string, type = 'MarkRecorded', payload: Buffer | null = canonical) {
  return (
    `{"kind":"event","streamId":${JSON.stringify(streamId)},"streamVersion":3,` +
    `"position":"9007199254740993","eventId":"0190c0de-0000-7000-8000-00000000002a",` +
    `"type":${JSON.stringify(type)},"recordedAt":"2027-05-20T10:00:00.123Z","leafIndex":41,` +
    `"canonical":${payload ? `"${payload.toString('base64')}"` : 'null'},` +
    `"hash":"${hash.toString('hex')}"}\n`
  );
}

/** The event lines of the rows, their COPY stream handed over in chunks of `chunkSize`. */
async function written(rows: Buffer[], chunkSize = Infinity) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const writer = new NdjsonWriter(out);
  const copied = new EventRows(writer);
  const stream = copyStream(rows);
  for (let at = 0; at < stream.length; at += chunkSize) {
    await copied.push(stream.subarray(at, Math.min(stream.length, at + chunkSize)));
  }
  copied.finish();
  await writer.flush();
  const { count, streams, leafIndexes } = copied;
  const lines = Buffer.concat(chunks).toString('utf8');
  return { lines, count, streams: [...streams], leafIndexes: [...leafIndexes.subarray(0, count)] };
}

function read(line: string) {
  const bytes = Buffer.from(`${line}\n`);
  const fields = readEventLine(bytes, 0, bytes.length - 1);
  if (!fields) return null;
  const { streamId, streamVersion, eventId, type, recordedAt, leafIndex, hash } = fields;
  const canonical = fields.canonical?.toString('base64') ?? null;
  return { streamId, streamVersion, eventId, type, recordedAt, leafIndex, canonical, hash };
}

describe('event lines of a stream export', () => {
  it('are written byte for byte as JSON.stringify spells them, escapes and NULLs included', async () => {
    const cases: [string, string, Buffer | null][] = [
      ['journal-42', 'MarkRecorded', canonical],
      ['journal-"quoted"\\', 'Тип\u0001', canonical],
      ['journal-7', 'MarkRecorded', null],
    ];
    const expected = cases.map((c) => stringified(...c)).join('');
    // Rows whole, and split anywhere (the header, a length, a field) across chunks.
    for (const chunkSize of [Infinity, 1, 7, 100, 250, 5000]) {
      expect(
        await written(
          cases.map((c) => row(...c)),
          chunkSize,
        ),
      ).toEqual({
        lines: expected,
        count: 3,
        streams: ['journal-42', 'journal-"quoted"\\', 'journal-7'],
        leafIndexes: [41, 41, 41],
      });
    }
  });

  it('are written the same from rows longer than the chunks they come in, cut anywhere', async () => {
    const payloads = [1, 3000, 9000, 17, 4096, 12000].map((n) => Buffer.alloc(n, n % 251));
    const rows = payloads.map((payload, i) => row(`journal-${i}`, 'MarkRecorded', payload));
    const expected = payloads.map((p, i) => stringified(`journal-${i}`, 'MarkRecorded', p));
    for (const chunkSize of [Infinity, 3, 1000, 4095, 4097, 8191, 20000]) {
      expect((await written(rows, chunkSize)).lines).toBe(expected.join(''));
    }
  });

  it('refuse a COPY stream cut before its trailer, or of rows of other fields', async () => {
    const whole = copyStream([row('journal-42')]);
    const writer = new NdjsonWriter(new PassThrough());
    const cut = new EventRows(writer);
    await cut.push(whole.subarray(0, whole.length - 2));
    expect(() => cut.finish()).toThrow('without its trailer');
    const other = new EventRows(writer);
    await expect(other.push(copyStream([copyRow([Buffer.from('x')])]))).rejects.toThrow(
      'An export row of 1 fields',
    );
  });

  it('are read without JSON.parse to exactly what JSON.parse reads', () => {
    const line = stringified('journal-42').trimEnd();
    const json = JSON.parse(line);
    expect(read(line)).toEqual({
      streamId: json.streamId,
      streamVersion: json.streamVersion,
      eventId: json.eventId,
      type: json.type,
      recordedAt: json.recordedAt,
      leafIndex: json.leafIndex,
      canonical: json.canonical,
      hash: Buffer.from(json.hash, 'hex'),
    });
    expect(read(stringified('journal-7', 'X', null).trimEnd())).toMatchObject({ canonical: null });
  });

  it('leaves every other spelling to JSON.parse', () => {
    const line = stringified('journal-42').trimEnd();
    const base64 = canonical.toString('base64');
    const variants = [
      line.replace('"streamId":', '"streamId": '),
      line.replace('journal-42', 'journal-\\u0034'),
      line.replace('journal-42', 'журнал-42'),
      line.replace('"streamVersion":3', '"streamVersion":03'),
      line.replace('"streamVersion":3', '"streamVersion":3.0'),
      line.replace('"leafIndex":41', '"leafIndex":1234567890123456'),
      line.replace(base64, base64.replace(/=+$/, '')),
      line.replace(base64, `${base64.slice(0, 8)}\\n${base64.slice(8)}`),
      line.replace(base64, `${base64.slice(0, 8)}"${base64.slice(8)}`),
      // One character in place of another, the length kept: what the decoder would skip.
      ...['\t', '=', '\\', 'é', '"'].map((odd) =>
        line.replace(base64, `${base64.slice(0, 8)}${odd}${base64.slice(9)}`),
      ),
      line.replace(base64, `${base64.slice(0, -4)}====`),
      line.replace(hash.toString('hex'), hash.toString('hex').toUpperCase()),
      line.replace('{"kind":"event",', '{"kind":"event","extra":1,'),
      line.replace('}', ',"kind":"leaf"}'),
      `${line} `,
    ];
    for (const variant of variants) expect([variant, read(variant)]).toEqual([variant, null]);
  });
});
