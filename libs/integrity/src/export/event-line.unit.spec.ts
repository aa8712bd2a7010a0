import { PassThrough } from 'node:stream';
import { CopyRow } from '../verify/copy-binary';
import { readEventLine } from './event-line-reader';
import { NdjsonWriter } from './event-line-writer';

const int = (bytes: number, value: bigint) => {
  const out = Buffer.alloc(bytes);
  if (bytes === 4) out.writeInt32BE(Number(value));
  else out.writeBigInt64BE(value);
  return out;
};
const canonical = Buffer.from('{"eventId":"0190c0de-0000-7000-8000-00000000002a","type":"X"}');
const hash = Buffer.from('8e1fd38235f7ce18a5105ceaaccb9a254abeeca2c81e981dd19dd16c39abf1fb', 'hex');

/** A row as the export's binary COPY sends it, fields given by their bytes (null: NULL). */
function copyRow(fields: (Buffer | null)[]): CopyRow {
  const spans: number[] = [];
  let at = 0;
  for (const field of fields) {
    spans.push(at, field === null ? -1 : field.length);
    at += field?.length ?? 0;
  }
  return new CopyRow(Buffer.concat(fields.filter((f): f is Buffer => f !== null)), spans);
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

async function written(rows: CopyRow[]): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const writer = new NdjsonWriter(out);
  for (const one of rows) writer.event(one);
  await writer.flush();
  return Buffer.concat(chunks).toString('utf8');
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
    expect(await written(cases.map((c) => row(...c)))).toBe(
      cases.map((c) => stringified(...c)).join(''),
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
      line.replace(hash.toString('hex'), hash.toString('hex').toUpperCase()),
      line.replace('{"kind":"event",', '{"kind":"event","extra":1,'),
      line.replace('}', ',"kind":"leaf"}'),
      `${line} `,
    ];
    for (const variant of variants) expect([variant, read(variant)]).toEqual([variant, null]);
  });
});
