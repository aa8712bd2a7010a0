import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { CopyRow } from '../verify/copy-binary';

const SIZE = 1 << 20;
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
const HEX_DIGITS = text('0123456789abcdef');
const TWO_32 = 2 ** 32;

/** The binary COPY fields of an event row, in the order `exportStreams` selects them. */
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

/**
 * NDJSON written into large buffers and handed to `out` a megabyte at a time. An event line is
 * assembled from its binary COPY row byte by byte, with no intermediate strings but the base64
 * of its payload: the same bytes `JSON.stringify` of its fields gives, at a fraction of the
 * cost, which at a million events is most of an export's time.
 */
export class NdjsonWriter {
  private buffer = Buffer.allocUnsafe(SIZE);
  private at = 0;

  constructor(private readonly out: Writable) {}

  async line(value: object): Promise<void> {
    const json = `${JSON.stringify(value)}\n`;
    this.reserve(Buffer.byteLength(json));
    this.at += this.buffer.write(json, this.at, 'utf8');
    await this.flushWhenFull();
  }

  /** Writes the row's event line; its leaf index. */
  event(row: CopyRow): number {
    const F = EVENT_FIELDS;
    const canonicalLength = Math.max(0, row.length(F.canonical));
    this.reserve(
      400 + 6 * (row.length(F.streamId) + row.length(F.type)) + (canonicalLength / 3 + 1) * 4,
    );
    this.put(START);
    this.jsonString(row, F.streamId);
    this.put(VERSION);
    this.ascii(String(row.int4(F.streamVersion)));
    this.put(POSITION);
    this.ascii(int8(row, F.position));
    this.put(EVENT_ID);
    this.uuid(row.buffer, row.start(F.eventId));
    this.put(TYPE);
    this.jsonString(row, F.type);
    this.put(RECORDED_AT);
    this.ascii(row.timestamptz(F.recordedAt));
    this.put(LEAF_INDEX);
    const leafIndex = Number(int8(row, F.leafIndex));
    this.ascii(String(leafIndex));
    this.put(CANONICAL);
    const canonical = row.bytes(F.canonical);
    if (canonical) {
      this.buffer[this.at++] = 0x22;
      this.ascii(canonical.toString('base64'));
      this.buffer[this.at++] = 0x22;
    } else this.put(NULL);
    this.put(HASH);
    if (row.length(F.hash) > 0) this.hex(row.buffer, row.start(F.hash), row.length(F.hash));
    this.put(END);
    return leafIndex;
  }

  async flushWhenFull(): Promise<void> {
    if (this.at >= SIZE - 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.at === 0) return;
    const full = this.buffer.subarray(0, this.at);
    this.buffer = Buffer.allocUnsafe(Math.max(SIZE, this.buffer.length));
    this.at = 0;
    if (!this.out.write(full)) await once(this.out, 'drain');
  }

  private reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(SIZE, 2 * (this.at + bytes)));
    this.buffer.copy(bigger, 0, 0, this.at);
    this.buffer = bigger;
  }

  private put(bytes: Buffer): void {
    bytes.copy(this.buffer, this.at);
    this.at += bytes.length;
  }

  private ascii(value: string): void {
    this.at += this.buffer.write(value, this.at, 'latin1');
  }

  /** A text field as JSON: its bytes as they are when nothing needs escaping. */
  private jsonString(row: CopyRow, field: number): void {
    const start = row.start(field);
    const end = start + row.length(field);
    const source = row.buffer;
    for (let i = start; i < end; i++) {
      const byte = source[i] as number;
      if (byte < 0x20 || byte > 0x7e || byte === 0x22 || byte === 0x5c) {
        this.at += this.buffer.write(JSON.stringify(row.text(field)), this.at, 'utf8');
        return;
      }
    }
    this.buffer[this.at++] = 0x22;
    this.at += source.copy(this.buffer, this.at, start, end);
    this.buffer[this.at++] = 0x22;
  }

  private hex(source: Buffer, start: number, length: number): void {
    const target = this.buffer;
    let at = this.at;
    for (let i = start; i < start + length; i++) {
      const byte = source[i] as number;
      target[at++] = HEX_DIGITS[byte >> 4] as number;
      target[at++] = HEX_DIGITS[byte & 15] as number;
    }
    this.at = at;
  }

  /** 8-4-4-4-12 lower-case hex. */
  private uuid(source: Buffer, start: number): void {
    for (const [from, to] of UUID_GROUPS) {
      if (from > 0) this.buffer[this.at++] = 0x2d;
      this.hex(source, start + from, to - from);
    }
  }
}

const UUID_GROUPS = [
  [0, 4],
  [4, 6],
  [6, 8],
  [8, 10],
  [10, 16],
] as const;

/** A bigint field in decimal; without BigInt while it is below 2^53. */
function int8(row: CopyRow, field: number): string {
  const start = row.start(field);
  const high = row.buffer.readInt32BE(start);
  if (high < 0 || high >= 1 << 21) return row.int8(field);
  return String(high * TWO_32 + row.buffer.readUInt32BE(start + 4));
}
