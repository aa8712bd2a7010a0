import { toLatin1, writeBase64 } from './buffer-codecs';

/** An event line's fields, as `verifyStreamExport` checks them. */
export interface EventLineFields {
  streamId: string;
  streamVersion: number;
  eventId: unknown;
  type: unknown;
  recordedAt: unknown;
  leafIndex: number;
  /** The hashed bytes (valid until the next line is read); null once the stream was disposed of. */
  canonical: Buffer | null;
  /**
   * A fast read's hashed bytes with 32 free bytes before them, where a verifier writes the
   * previous hash to chain them without copying (`chainInput.subarray(32)` is `canonical`);
   * null for a parsed line or no payload.
   */
  chainInput?: Buffer | null;
  /** The stated hash (32 bytes; valid until the next line is read). */
  hash: Buffer;
  /**
   * A fast read's line and where in it the values of eventId, recordedAt, streamId,
   * streamVersion and type are (start and end of each, in that order: the hashed bytes' key
   * order), so they can be compared with the hashed bytes as bytes; null for a parsed line.
   */
  spans: { line: Buffer; at: Int32Array } | null;
}

const QUOTE = 0x22;
const EQUALS = 0x3d;
const text = (value: string) => Buffer.from(value, 'latin1');
const START = text('{"kind":"event","streamId":"');
const VERSION = text(',"streamVersion":');
const POSITION = text(',"position":"');
const EVENT_ID = text(',"eventId":"');
const TYPE = text(',"type":"');
const RECORDED_AT = text(',"recordedAt":"');
const LEAF_INDEX = text(',"leafIndex":');
const CANONICAL = text(',"canonical":');
const NULL = text('null');
const HASH = text(',"hash":"');
const END = text('"}');
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) HEX['0123456789abcdef'.charCodeAt(i)] = i;

// What each byte is inside a string value: printable ASCII, the closing quote, or neither.
const INSIDE = 1;
const CLOSING = 2;
const PLAIN = new Uint8Array(256);
for (let byte = 0x20; byte < 0x7f; byte++) PLAIN[byte] = INSIDE;
PLAIN[QUOTE] = CLOSING;
PLAIN[0x5c] = 0;

let at = 0;
// Where each identity value is in the line: see EventLineFields.spans.
const SPAN = { eventId: 0, recordedAt: 2, streamId: 4, streamVersion: 6, type: 8 } as const;
const spans: { line: Buffer; at: Int32Array } = { line: Buffer.alloc(0), at: new Int32Array(10) };
const spanText = (span: number) =>
  toLatin1(spans.line, spans.at[span] as number, spans.at[span + 1] as number);
/**
 * The one object every fast read fills: a verifier uses each line's fields before the next.
 * eventId, type and recordedAt become strings only when asked for: the checks compare bytes.
 */
const line = Object.defineProperties(
  {
    streamId: '',
    streamVersion: 0,
    leafIndex: 0,
    canonical: null,
    chainInput: null,
    hash: Buffer.alloc(32),
    spans,
  } as Omit<EventLineFields, 'eventId' | 'type' | 'recordedAt'>,
  {
    eventId: { enumerable: true, get: () => spanText(SPAN.eventId) },
    type: { enumerable: true, get: () => spanText(SPAN.type) },
    recordedAt: { enumerable: true, get: () => spanText(SPAN.recordedAt) },
  },
) as EventLineFields;

/**
 * The fields of an event line in exactly the shape `exportStreams` writes (that key order, no
 * white space, string values of printable ASCII without escapes, integers of at most 15
 * digits, a lower-case hex hash), read from the bytes without `JSON.parse`; null for any other
 * line, which the caller then parses as JSON. The fields are valid until the next call. Only lines that `JSON.parse` reads to the same
 * values are accepted: at a million lines, parsing and decoding them is most of the work.
 */
export function readEventLine(buf: Buffer, start: number, end: number): EventLineFields | null {
  at = start;
  if (!literal(buf, end, START) || !plainSpan(buf, end, SPAN.streamId)) return null;
  if (!literal(buf, end, VERSION)) return null;
  spans.at[SPAN.streamVersion] = at;
  const streamVersion = integer(buf, end);
  spans.at[SPAN.streamVersion + 1] = at;
  if (streamVersion < 0 || !literal(buf, end, POSITION) || skipString(buf, end) < 0) return null;
  if (!literal(buf, end, EVENT_ID) || !plainSpan(buf, end, SPAN.eventId)) return null;
  if (!literal(buf, end, TYPE) || !plainSpan(buf, end, SPAN.type)) return null;
  if (!literal(buf, end, RECORDED_AT) || !plainSpan(buf, end, SPAN.recordedAt)) return null;
  if (!literal(buf, end, LEAF_INDEX)) return null;
  const leafIndex = integer(buf, end);
  if (leafIndex < 0 || !literal(buf, end, CANONICAL)) return null;
  // The base64 runs to the hash, which ends the line: found from the end, checked as decoded.
  const hashAt = end - 2 - 64;
  let canonical: Buffer | null = null;
  if (buf[at] === QUOTE) {
    const closing = hashAt - HASH.length - 1;
    if (closing <= at || buf[closing] !== QUOTE) return null;
    canonical = decoder.decode(buf, at + 1, closing);
    if (canonical === null) return null;
    at = closing + 1;
  } else if (!literal(buf, end, NULL)) return null;
  if (!literal(buf, end, HASH) || at !== hashAt) return null;
  const { hash } = line;
  for (let i = 0; i < 32; i++) {
    const high = HEX[buf[at++] as number] as number;
    const low = HEX[buf[at++] as number] as number;
    if (high < 0 || low < 0) return null;
    hash[i] = (high << 4) | low;
  }
  if (!literal(buf, end, END) || at !== end) return null;
  spans.line = buf;
  line.streamId = toLatin1(
    buf,
    spans.at[SPAN.streamId] as number,
    spans.at[SPAN.streamId + 1] as number,
  );
  line.streamVersion = streamVersion;
  line.leafIndex = leafIndex;
  line.canonical = canonical;
  line.chainInput = canonical && decoder.chainInput;
  return line;
}

function literal(buf: Buffer, end: number, expected: Buffer): boolean {
  const from = at;
  if (from + expected.length > end) return false;
  for (let i = 0; i < expected.length; i++) if (buf[from + i] !== expected[i]) return false;
  at = from + expected.length;
  return true;
}

/** Past a string of printable ASCII without `"` or `\\` after an opening quote; -1 if none. */
function skipString(buf: Buffer, end: number): number {
  for (let i = at; i < end; i++) {
    const kind = PLAIN[buf[i] as number];
    if (kind === CLOSING) return (at = i + 1);
    if (kind !== INSIDE) return -1;
  }
  return -1;
}

/**
 * A string of printable ASCII without `"` or `\` after an opening quote, and its quote: where
 * its value starts and ends, kept at `span` of the spans; false if there is none.
 */
function plainSpan(buf: Buffer, end: number, span: number): boolean {
  const from = at;
  for (let i = from; i < end; i++) {
    const kind = PLAIN[buf[i] as number];
    if (kind === CLOSING) {
      spans.at[span] = from;
      spans.at[span + 1] = i;
      at = i + 1;
      return true;
    }
    if (kind !== INSIDE) return false;
  }
  return false;
}

/** A JSON integer of 1 to 15 digits (always exact as a number), or -1. */
function integer(buf: Buffer, end: number): number {
  const from = at;
  let i = from;
  let value = 0;
  for (; i < end && i - from < 16; i++) {
    const digit = (buf[i] as number) - 0x30;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  at = i;
  const digits = i - from;
  if (digits === 0 || digits > 15 || (digits > 1 && buf[from] === 0x30)) return -1;
  return value;
}

/**
 * Decodes base64 into one reused buffer (the bytes are hashed and checked, then dropped), and
 * only when every character counted: a length of whole quads, at most two `=` at the end, and
 * as many bytes decoded as that spelling holds. Node's decoder skips what is not base64 (a
 * backslash, a control character, a byte beyond ASCII) and stops at an early `=`, so any such
 * character leaves fewer bytes and the line to `JSON.parse`; what is accepted (the exporter's
 * spelling, or one a lenient decoder reads alike) decodes as `Buffer.from(…, 'base64')` of the
 * parsed string would.
 */
class CanonicalBase64 {
  private buffer = Buffer.allocUnsafe(4096);
  /** Views of the buffer's bytes [32, 32 + n) and [0, 32 + n) by n: a view made once per length. */
  private views: Buffer[] = [];
  private inputs: Buffer[] = [];
  /** The last payload decoded, after 32 free bytes (see `EventLineFields.chainInput`). */
  chainInput: Buffer | null = null;

  decode(source: Buffer, from: number, to: number): Buffer | null {
    const length = to - from;
    if (length % 4 !== 0) return null;
    const padding =
      length === 0 || source[to - 1] !== EQUALS ? 0 : source[to - 2] === EQUALS ? 2 : 1;
    const bytes = (length / 4) * 3 - padding;
    if (this.buffer.length < 32 + bytes) {
      this.buffer = Buffer.allocUnsafe(2 * (32 + bytes));
      this.views = [];
      this.inputs = [];
    }
    if (writeBase64(this.buffer, toLatin1(source, from, to), 32) !== bytes) return null;
    this.chainInput = this.inputs[bytes] ??= this.buffer.subarray(0, 32 + bytes);
    return (this.views[bytes] ??= this.buffer.subarray(32, 32 + bytes));
  }
}

const decoder = new CanonicalBase64();
