const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER = SIGNATURE.length + 8;
// PostgreSQL's epoch for timestamps, in Unix milliseconds.
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);

/**
 * One row of a binary COPY, read in place: fields are decoded from the chunk they arrived in,
 * and only bytea fields become (view) Buffers. A million rows of ten fields would otherwise
 * allocate ten million Buffers.
 */
export class CopyRow {
  constructor(
    /** The chunk the row was read from (fields are spans of it). */
    readonly buffer: Buffer,
    /** Start and length of each field in turn; a length of -1 is NULL. */
    private readonly spans: number[],
  ) {}

  bytes(field: number): Buffer | null {
    const start = this.start(field);
    const length = this.length(field);
    return length < 0 ? null : this.buffer.subarray(start, start + length);
  }

  int4(field: number): number {
    return this.buffer.readInt32BE(this.start(field));
  }

  int8(field: number): string {
    return this.buffer.readBigInt64BE(this.start(field)).toString();
  }

  xid8(field: number): string {
    return this.buffer.readBigUInt64BE(this.start(field)).toString();
  }

  text(field: number): string {
    const start = this.start(field);
    return this.buffer.toString('utf8', start, start + this.length(field));
  }

  uuid(field: number): string {
    const start = this.start(field);
    const hex = this.buffer.toString('hex', start, start + 16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** A timestamptz (microseconds since 2000-01-01) as ISO-8601 in milliseconds. */
  timestamptz(field: number): string {
    // The events of one append share their instant: formatting it once per run is enough.
    const micros = this.buffer.readBigInt64BE(this.start(field));
    if (micros !== lastTimestamp.micros) {
      const ms = POSTGRES_EPOCH_MS + Math.floor(Number(micros) / 1000);
      lastTimestamp = { micros, iso: new Date(ms).toISOString() };
    }
    return lastTimestamp.iso;
  }

  /** Where a field's bytes start in {@link buffer}. */
  start(field: number): number {
    return this.spans[2 * field] as number;
  }

  /** A field's length in bytes; -1 for NULL. */
  length(field: number): number {
    return this.spans[2 * field + 1] ?? -1;
  }
}

let lastTimestamp = { micros: -1n, iso: '' };

/**
 * Parses PostgreSQL's binary COPY format (signature, flags, header extension, then per row a
 * 16-bit field count and each field as a 32-bit length and its bytes, -1 meaning NULL) from a
 * stream of chunks, a batch of rows per chunk.
 */
export async function* parseCopyBinary(chunks: AsyncIterable<Buffer>): AsyncGenerator<CopyRow[]> {
  let buffer: Buffer = Buffer.alloc(0);
  let headerRead = false;
  let ended = false;
  // Read to the stream's end even after the trailer, so the connection finishes the COPY.
  for await (const chunk of chunks) {
    if (ended) continue;
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    let at = 0;
    if (!headerRead) {
      if (buffer.length < HEADER) continue;
      if (!buffer.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
        throw new Error('Not a binary COPY stream');
      }
      at = HEADER + buffer.readUInt32BE(SIGNATURE.length + 4);
      headerRead = true;
    }
    const rows: CopyRow[] = [];
    for (let row = readRow(buffer, at); row !== null; row = readRow(buffer, at)) {
      if (row === 'end') {
        ended = true;
        break;
      }
      rows.push(new CopyRow(buffer, row.spans));
      at = row.next;
    }
    buffer = buffer.subarray(at);
    if (rows.length > 0) yield rows;
  }
  if (!ended) throw new Error('The binary COPY stream ended without its trailer');
}

/** The row at `at`, 'end' at the trailer, or null when the buffer holds only part of a row. */
function readRow(buffer: Buffer, at: number): { spans: number[]; next: number } | 'end' | null {
  if (buffer.length < at + 2) return null;
  const count = buffer.readInt16BE(at);
  if (count === -1) return 'end';
  const spans: number[] = new Array(2 * count);
  let next = at + 2;
  for (let i = 0; i < count; i++) {
    if (buffer.length < next + 4) return null;
    const length = buffer.readInt32BE(next);
    next += 4;
    if (length > 0 && buffer.length < next + length) return null;
    spans[2 * i] = next;
    spans[2 * i + 1] = length;
    if (length > 0) next += length;
  }
  return { spans, next };
}
