/** The fields of an event's hashed bytes that its row repeats as columns. */
export interface HashedIdentity {
  eventId: unknown;
  streamId: unknown;
  streamVersion: unknown;
  type: unknown;
  recordedAt: unknown;
}

const EVENT_ID_KEY = Buffer.from('"eventId":');
const QUOTE = 34;
// Printable ASCII but the backslash: such a value reads the same in latin1 and UTF-8, and its
// raw form cannot pass for an escaped one (`x\` beside the bytes `x\"`).
const PLAIN = /^[\x20-\x5b\x5d-\x7e]*$/;

/**
 * Whether the identity in the canonical bytes is exactly `row`'s, without parsing the event:
 * checking a million of them is otherwise the largest cost of a verification. RFC 8785 sorts
 * the top-level keys: the last `"eventId":` is the top-level one (only `data`, before it, may
 * nest objects of any shape), and the other keys follow it in a known order (`recordedAt`,
 * `streamId`, `streamVersion`, `type`). False whenever in doubt (a value with a backslash or
 * beyond ASCII, an upper-case id): the caller then compares {@link hashedIdentity}.
 */
export function sameIdentity(canonical: Buffer, row: HashedIdentity): boolean {
  const from = canonical.lastIndexOf(EVENT_ID_KEY);
  if (from < 0) return false;
  // latin1 decodes each byte to one character: cheaper than UTF-8, exact for ASCII values.
  const tail = canonical.toString('latin1', from);
  let at = stringAt(tail, after(tail, '"eventId":', 0), row.eventId);
  at = stringAt(tail, after(tail, '"recordedAt":', at), row.recordedAt);
  at = stringAt(tail, after(tail, '"streamId":', at), row.streamId);
  at = numberAt(tail, after(tail, '"streamVersion":', at), row.streamVersion);
  return stringAt(tail, after(tail, '"type":', at), row.type) >= 0;
}

const IDENTITY_KEYS = [
  '"eventId":',
  '"recordedAt":',
  '"streamId":',
  '"streamVersion":',
  '"type":',
].map((key) => Buffer.from(key, 'latin1'));
const STREAM_VERSION = 3;

/**
 * {@link sameIdentity} with the row's values given as bytes: `at` holds the start and end in
 * `line` of eventId, recordedAt, streamId, streamVersion (digits) and type, in that order, each
 * printable ASCII without a quote or backslash (so equal bytes are equal JSON strings). No
 * string is made: a verifier compares a million of these.
 */
export function sameIdentityBytes(canonical: Buffer, line: Buffer, at: Int32Array): boolean {
  // The last `"eventId":`, a few hundred bytes from the end.
  let position = findLast(canonical, IDENTITY_KEYS[0] as Buffer);
  for (let k = 0; k < IDENTITY_KEYS.length; k++) {
    const key = IDENTITY_KEYS[k] as Buffer;
    if (k > 0) position = find(canonical, key, position);
    if (position < 0) return false;
    position += key.length;
    const from = at[2 * k] as number;
    const length = (at[2 * k + 1] as number) - from;
    if (k === STREAM_VERSION) {
      if (!sameRun(canonical, position, line, from, length)) return false;
      const next = canonical[position + length];
      if (next !== 44 && next !== 125) return false;
      position += length;
    } else {
      if (canonical[position] !== QUOTE || canonical[position + 1 + length] !== QUOTE) return false;
      if (!sameRun(canonical, position + 1, line, from, length)) return false;
      position += length + 2;
    }
  }
  return true;
}

/**
 * Where `key` first occurs from `from` on; -1 if nowhere. A loop here, not Buffer#indexOf: the
 * keys are a few dozen bytes away, and a native call for each costs more than the search.
 */
function find(bytes: Buffer, key: Buffer, from: number): number {
  const last = bytes.length - key.length;
  const first = key[0];
  for (let i = from; i >= 0 && i <= last; i++) {
    if (bytes[i] === first && sameRun(bytes, i, key, 0, key.length)) return i;
  }
  return -1;
}

/**
 * Where `key` last occurs; -1 if nowhere. A loop from the end, not Buffer#lastIndexOf: the key
 * is a few hundred bytes from the end, and the native call costs more than that search.
 */
function findLast(bytes: Buffer, key: Buffer): number {
  const first = key[0];
  for (let i = bytes.length - key.length; i >= 0; i--) {
    if (bytes[i] === first && sameRun(bytes, i, key, 0, key.length)) return i;
  }
  return -1;
}

function sameRun(a: Buffer, aFrom: number, b: Buffer, bFrom: number, length: number): boolean {
  if (aFrom + length > a.length) return false;
  for (let i = 0; i < length; i++) if (a[aFrom + i] !== b[bFrom + i]) return false;
  return true;
}

/** Where the value of `key` starts, searching from `at`; -1 when not found or `at` is -1. */
function after(text: string, key: string, at: number): number {
  const found = at < 0 ? -1 : text.indexOf(key, at);
  return found < 0 ? -1 : found + key.length;
}

/** Where `value`, quoted, ends at `at` in `text`, or -1. */
function stringAt(text: string, at: number, value: unknown): number {
  if (at < 0 || typeof value !== 'string' || !PLAIN.test(value)) return -1;
  const end = at + 1 + value.length;
  const same =
    text.charCodeAt(at) === QUOTE &&
    text.startsWith(value, at + 1) &&
    text.charCodeAt(end) === QUOTE;
  return same ? end + 1 : -1;
}

/** Where the integer `value` ends at `at` in `text`, or -1. */
function numberAt(text: string, at: number, value: unknown): number {
  if (at < 0 || typeof value !== 'number' || !Number.isSafeInteger(value)) return -1;
  const digits = String(value);
  const end = at + digits.length;
  const next = text.charCodeAt(end);
  return text.startsWith(digits, at) && (next === 44 || next === 125) ? end : -1;
}

/** The identity fields of canonical bytes, by a full parse; nulls when they are not JSON. */
export function hashedIdentity(canonical: Buffer): HashedIdentity {
  try {
    const { eventId, streamId, streamVersion, type, recordedAt } = JSON.parse(
      canonical.toString('utf8'),
    ) as Record<string, unknown>;
    return { eventId, streamId, streamVersion, type, recordedAt };
  } catch {
    return { eventId: null, streamId: null, streamVersion: null, type: null, recordedAt: null };
  }
}
