import { toBase64, toLatin1, writeLatin1 } from './buffer-codecs';
import { decimal, int32, int8, hex, jsonString, put, uuid } from './event-line-bytes';
import type { NdjsonWriter } from './event-line-writer';

const text = (value: string) => Buffer.from(value, 'latin1');
const START = text('{"kind":"event","streamId":');
const VERSION = text(',"streamVersion":');
const POSITION = text(',"position":"');
const EVENT_ID = text('","eventId":"');
const TYPE = text('","type":');
const RECORDED_AT = text(',"recordedAt":"');
const LEAF_INDEX = text('","leafIndex":');
const CANONICAL = text(',"canonical":');
const NULL = text('null');
const HASH = text(',"hash":"');
const END = text('"}\n');
const TWO_32 = 2 ** 32;
// PostgreSQL's epoch for timestamps, in Unix milliseconds.
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);

/**
 * The binary COPY fields of an event row, in the order `exportStreams` selects them:
 * stream_id, stream_version, global_position, event_id, type, recorded_at, canonical, hash,
 * leaf_index.
 */
export const EVENT_FIELDS = {
  streamId: 0,
  streamVersion: 1,
  position: 2,
  eventId: 3,
  type: 4,
  recordedAt: 5,
  canonical: 6,
  hash: 7,
  leafIndex: 8,
} as const;
const FIELD_COUNT = 9;
const SIGNATURE = text('PGCOPY\n\xff\r\n\0');
const HEADER = SIGNATURE.length + 8;

/**
 * The event rows of the export's binary COPY stream (PostgreSQL's format: signature, flags,
 * header extension, then per row a 16-bit field count and each field as a 32-bit length and
 * its bytes, -1 meaning NULL, and -1 as the trailer), read in place chunk by chunk and written
 * as event lines: fields are copied from the chunk into the line, numbers and hex spelled
 * byte by byte. Keeps each row's leaf index and the distinct streams.
 */
export class EventRows {
  readonly streams = new Set<string>();
  leafIndexes = new Float64Array(1 << 16);
  count = 0;
  ended = false;
  /** The start of a row the last chunk did not complete, then the next chunk after it. */
  private stage = Buffer.allocUnsafe(1 << 17);
  private staged = 0;
  private headerRead = false;
  private readonly starts = new Int32Array(FIELD_COUNT);
  private readonly lengths = new Int32Array(FIELD_COUNT);
  private lastMicros = { high: NaN, low: NaN, iso: Buffer.alloc(0) };

  constructor(private readonly writer: NdjsonWriter) {}

  /** Writes the event line of each row the chunk completes; flushes the writer when full. */
  async push(chunk: Buffer): Promise<void> {
    if (this.ended) return;
    let at = this.staged > 0 || !this.headerRead ? this.joinStaged(chunk) : 0;
    if (at >= 0) {
      const end = chunk.length;
      for (let next = this.row(chunk, at, end); next >= 0; next = this.row(chunk, at, end)) {
        at = next;
      }
      if (!this.ended) this.keepFrom(chunk, at, end);
    }
    await this.writer.flushWhenFull();
  }

  /**
   * Completes what the chunks before left (the header, or a row they cut) with as few of this
   * chunk's bytes as it takes, copied after them (copying every chunk would cost a copy of the
   * whole stream): where in the chunk the next row starts, or -1 when the chunk was all taken.
   */
  private joinStaged(chunk: Buffer): number {
    const carried = this.staged;
    let at = 0;
    for (let taken = 0; ;) {
      const more = Math.min(chunk.length, Math.max(4096, 2 * taken));
      this.reserveStage(carried + more, carried + taken);
      chunk.copy(this.stage, carried + taken, taken, more);
      taken = more;
      const end = carried + taken;
      if (!this.headerRead) at = this.header(end);
      if (this.headerRead) {
        for (let next = this.row(this.stage, at, end); next >= 0;) {
          at = next;
          next = this.row(this.stage, at, end);
        }
        if (this.ended) return -1;
        if (at >= carried) {
          this.staged = 0;
          return at - carried;
        }
      }
      if (taken === chunk.length) {
        this.keepFrom(this.stage, at, end);
        return -1;
      }
    }
  }

  /** Where the rows start after the header in the stage's first `end` bytes; 0 if not there. */
  private header(end: number): number {
    const { stage } = this;
    if (end < HEADER) return 0;
    if (!stage.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
      throw new Error('Not a binary COPY stream');
    }
    const rows = HEADER + stage.readUInt32BE(SIGNATURE.length + 4);
    if (end < rows) return 0;
    this.headerRead = true;
    return rows;
  }

  /** A stage of at least `size` bytes, its first `kept` bytes kept. */
  private reserveStage(size: number, kept: number): void {
    if (this.stage.length >= size) return;
    const bigger = Buffer.allocUnsafe(2 * size);
    this.stage.copy(bigger, 0, 0, kept);
    this.stage = bigger;
  }

  /** Keeps the bytes [from, end) of `buffer` for the next chunk. */
  private keepFrom(buffer: Buffer, from: number, end: number): void {
    if (buffer === this.stage) this.stage.copyWithin(0, from, end);
    else {
      this.reserveStage(end - from, 0);
      buffer.copy(this.stage, 0, from, end);
    }
    this.staged = end - from;
  }

  /** The stream ended: its trailer must have come. */
  finish(): void {
    if (!this.ended) throw new Error('The binary COPY stream ended without its trailer');
  }

  /** Writes the row at `at`; where the next starts, or -1 at the trailer or a partial row. */
  private row(buffer: Buffer, at: number, end: number): number {
    if (at + 2 > end) return -1;
    const count = (buffer[at] as number) * 256 + (buffer[at + 1] as number);
    if (count === 0xffff) return ((this.ended = true), -1);
    if (count !== FIELD_COUNT) throw new Error(`An export row of ${count} fields`);
    const { starts, lengths } = this;
    let next = at + 2;
    for (let i = 0; i < FIELD_COUNT; i++) {
      if (next + 4 > end) return -1;
      const length = int32(buffer, next);
      next += 4;
      starts[i] = next;
      lengths[i] = length;
      if (length > 0) next += length;
      if (next > end) return -1;
    }
    this.write(buffer);
    return next;
  }

  private write(source: Buffer): void {
    const { starts, lengths, writer } = this;
    const F = EVENT_FIELDS;
    const streamLength = lengths[F.streamId] as number;
    const typeLength = lengths[F.type] as number;
    const canonicalLength = lengths[F.canonical] as number;
    writer.reserve(
      400 + 6 * (streamLength + typeLength) + Math.ceil(Math.max(0, canonicalLength) / 3) * 4,
    );
    const out = writer.buffer;
    let at = put(out, writer.at, START);
    at = jsonString(source, starts[F.streamId] as number, streamLength, out, at);
    at = put(out, at, VERSION);
    at = decimal(out, at, int32(source, starts[F.streamVersion] as number));
    at = put(out, at, POSITION);
    at = int8(source, starts[F.position] as number, out, at);
    at = put(out, at, EVENT_ID);
    at = uuid(source, starts[F.eventId] as number, out, at);
    at = put(out, at, TYPE);
    at = jsonString(source, starts[F.type] as number, typeLength, out, at);
    at = put(out, at, RECORDED_AT);
    at = put(out, at, this.timestamp(source, starts[F.recordedAt] as number));
    at = put(out, at, LEAF_INDEX);
    at = int8(source, starts[F.leafIndex] as number, out, at);
    at = put(out, at, CANONICAL);
    if (canonicalLength >= 0) {
      const from = starts[F.canonical] as number;
      out[at++] = 0x22;
      at += writeLatin1(out, toBase64(source, from, from + canonicalLength), at);
      out[at++] = 0x22;
    } else at = put(out, at, NULL);
    at = put(out, at, HASH);
    at = hex(source, starts[F.hash] as number, Math.max(0, lengths[F.hash] as number), out, at);
    at = put(out, at, END);
    writer.at = at;
    this.keep(source);
  }

  /** The row's leaf index and stream. */
  private keep(source: Buffer): void {
    if (this.count === this.leafIndexes.length) {
      const bigger = new Float64Array(2 * this.count);
      bigger.set(this.leafIndexes);
      this.leafIndexes = bigger;
    }
    const { starts, lengths } = this;
    const leafAt = starts[EVENT_FIELDS.leafIndex] as number;
    const high = int32(source, leafAt);
    this.leafIndexes[this.count++] =
      high < 0 || high >= 1 << 21
        ? Number(source.readBigInt64BE(leafAt))
        : high * TWO_32 + (int32(source, leafAt + 4) >>> 0);
    const from = starts[EVENT_FIELDS.streamId] as number;
    this.streams.add(toLatin1(source, from, from + (lengths[EVENT_FIELDS.streamId] as number)));
  }

  /** A timestamptz (microseconds since 2000-01-01) as ISO-8601 in milliseconds, as bytes. */
  private timestamp(source: Buffer, at: number): Buffer {
    // The events of one append share their instant: formatting it once per run is enough.
    const high = int32(source, at);
    const low = int32(source, at + 4) >>> 0;
    const last = this.lastMicros;
    if (high !== last.high || low !== last.low) {
      const micros = high * TWO_32 + low;
      const iso = new Date(POSTGRES_EPOCH_MS + Math.floor(micros / 1000)).toISOString();
      this.lastMicros = { high, low, iso: Buffer.from(iso, 'latin1') };
    }
    return this.lastMicros.iso;
  }
}
