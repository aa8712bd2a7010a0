import { parseCopyBinary, type CopyRow } from './copy-binary';

const header = Buffer.concat([
  Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'),
  Buffer.from([0, 0, 0, 0, 0, 0, 0, 0]),
]);
const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const int32 = (n: number) => {
  const out = Buffer.alloc(4);
  out.writeInt32BE(n);
  return out;
};
const encodeRow = (...fields: (Buffer | null)[]) =>
  Buffer.concat([
    int16(fields.length),
    ...fields.map((field) =>
      field === null ? int32(-1) : Buffer.concat([int32(field.length), field]),
    ),
  ]);

async function parse(stream: Buffer, chunkSize: number): Promise<CopyRow[]> {
  async function* chunks() {
    for (let at = 0; at < stream.length; at += chunkSize) yield stream.subarray(at, at + chunkSize);
  }
  const rows: CopyRow[] = [];
  for await (const batch of parseCopyBinary(chunks())) rows.push(...batch);
  return rows;
}

const fieldsOf = (row: CopyRow, count: number) =>
  Array.from({ length: count }, (_, field) => row.bytes(field));

describe('parseCopyBinary', () => {
  const stream = Buffer.concat([
    header,
    encodeRow(Buffer.from('journal-1'), null, Buffer.from([1, 2, 3])),
    encodeRow(Buffer.from(''), Buffer.from('x')),
    int16(-1),
  ]);
  const expected = [
    [Buffer.from('journal-1'), null, Buffer.from([1, 2, 3])],
    [Buffer.from(''), Buffer.from('x')],
  ];

  it.each([1, 3, 7, 1000])(
    'reads rows and NULLs whatever the chunk size (%i bytes)',
    async (size) => {
      const rows = await parse(stream, size);
      expect(rows.map((row, i) => fieldsOf(row, expected[i]?.length ?? 0))).toEqual(expected);
    },
  );

  it('refuses a stream that is not binary COPY or that stops early', async () => {
    await expect(parse(Buffer.from('1\tjournal-1\n\\.\n'.repeat(2)), 100)).rejects.toThrow(
      'Not a binary COPY stream',
    );
    await expect(parse(stream.subarray(0, stream.length - 2), 100)).rejects.toThrow(
      'without its trailer',
    );
  });
});

describe('CopyRow decoders', () => {
  it('decodes int4, int8, xid8, uuid, text and timestamptz in place', async () => {
    const int8 = Buffer.alloc(8);
    int8.writeBigInt64BE(9_007_199_254_740_993n);
    const xid8 = Buffer.alloc(8);
    xid8.writeBigUInt64BE(18_446_744_073_709_551_615n);
    const micros = Buffer.alloc(8);
    const since2000 = Date.UTC(2027, 4, 20, 10, 0, 0, 123) - Date.UTC(2000, 0, 1);
    micros.writeBigInt64BE(BigInt(since2000) * 1000n + 456n);
    const uuid = Buffer.from('0190c0de00007000800000000000002a', 'hex');
    const [row] = await parse(
      Buffer.concat([
        header,
        encodeRow(int32(-7), int8, xid8, uuid, Buffer.from('журнал'), micros),
        int16(-1),
      ]),
      5,
    );
    expect(row?.int4(0)).toBe(-7);
    expect(row?.int8(1)).toBe('9007199254740993');
    expect(row?.xid8(2)).toBe('18446744073709551615');
    expect(row?.uuid(3)).toBe('0190c0de-0000-7000-8000-00000000002a');
    expect(row?.text(4)).toBe('журнал');
    expect(row?.timestamptz(5)).toBe('2027-05-20T10:00:00.123Z');
  });
});
