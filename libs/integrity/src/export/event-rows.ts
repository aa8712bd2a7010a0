import { toBase64, toLatin1, writeLatin1 } from './buffer-codecs';
import { decimal, int32, int8, hex, jsonString, put, uuid } from './event-line-bytes';
import { CopyRows } from './copy-rows';

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

/** What `exportStreams` selects of each event (`e`) and its leaf (`l`), in this order. */
export const EVENT_COLUMNS = `e.stream_id, e.stream_version, e.global_position, e.event_id,
  e.type, e.recorded_at, e.canonical, e.hash, l.leaf_index`;

/** The binary COPY fields of an event row: {@link EVENT_COLUMNS}' places. */
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

/** Where event lines are assembled: a buffer, the end of what is in it, and room asked for. */
export interface LineSink {
  buffer: Buffer;
  at: number;
  reserve(bytes: number): void;
}

/**
 * What an export counts of its rows, in whatever order they are read: how many, their leaf
 * indexes (for the batch proof) and the distinct streams.
 */
export class RowTally {
  readonly streams = new Set<string>();
  leafIndexes = new Float64Array(1 << 16);
  count = 0;

  /** A row whose leaf index (an int8) is at `leafAt` and stream id at [from, from + length). */
  add(source: Buffer, leafAt: number, from: number, length: number): void {
    if (this.count === this.leafIndexes.length) {
      const bigger = new Float64Array(2 * this.count);
      bigger.set(this.leafIndexes);
      this.leafIndexes = bigger;
    }
    const high = int32(source, leafAt);
    this.leafIndexes[this.count++] =
      high < 0 || high >= 1 << 21
        ? Number(source.readBigInt64BE(leafAt))
        : high * TWO_32 + (int32(source, leafAt + 4) >>> 0);
    this.streams.add(toLatin1(source, from, from + length));
  }
}

/** A timestamptz (microseconds since 2000-01-01) as ISO-8601 in milliseconds, as bytes. */
export class IsoTimestamps {
  private last = { high: NaN, low: NaN, iso: Buffer.alloc(0) };

  of(source: Buffer, at: number): Buffer {
    // The events of one append share their instant: formatting it once per run is enough.
    const high = int32(source, at);
    const low = int32(source, at + 4) >>> 0;
    const { last } = this;
    if (high !== last.high || low !== last.low) {
      const micros = high * TWO_32 + low;
      const iso = new Date(POSTGRES_EPOCH_MS + Math.floor(micros / 1000)).toISOString();
      this.last = { high, low, iso: Buffer.from(iso, 'latin1') };
    }
    return this.last.iso;
  }
}

/**
 * The event rows of the export's binary COPY stream (see {@link EVENT_FIELDS}), read in place
 * chunk by chunk and written as event lines: fields are copied from the chunk into the line,
 * numbers and hex spelled byte by byte. Tallies each row's leaf index and stream.
 */
export class EventRows extends CopyRows {
  private readonly timestamps = new IsoTimestamps();

  constructor(
    private readonly writer: LineSink & { flushWhenFull?: () => Promise<void> },
    readonly tally = new RowTally(),
  ) {
    super(FIELD_COUNT);
  }

  get count(): number {
    return this.tally.count;
  }

  get streams(): Set<string> {
    return this.tally.streams;
  }

  get leafIndexes(): Float64Array {
    return this.tally.leafIndexes;
  }

  /** Writes the event line of each row the chunk completes; flushes the writer when full. */
  async push(chunk: Buffer): Promise<void> {
    this.pushChunk(chunk);
    await this.writer.flushWhenFull?.();
  }

  protected take(source: Buffer): void {
    this.write(source);
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
    at = put(out, at, this.timestamps.of(source, starts[F.recordedAt] as number));
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
    const { starts, lengths } = this;
    const F = EVENT_FIELDS;
    const stream = lengths[F.streamId] as number;
    this.tally.add(source, starts[F.leafIndex] as number, starts[F.streamId] as number, stream);
  }
}
