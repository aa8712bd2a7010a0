import { canonicalize } from '@ejournal/contracts';
import { hashedIdentity, sameIdentity, sameIdentityBytes } from './hashed-identity';

const event = {
  actor: { userId: 'u-1', role: 'teacher', onBehalfOf: null },
  causationId: null,
  correlationId: 'c-1',
  data: { note: { streamId: 'journal-decoy', type: 'Decoy', eventId: 'x' }, quote: 'say "hi"' },
  eventId: '0190c0de-0000-7000-8000-00000000002a',
  occurredAt: '2027-05-20T09:00:00+03:00',
  recordedAt: '2027-05-20T10:00:00.123Z',
  schemaVersion: 2,
  streamId: 'journal-42',
  streamVersion: 17,
  tenant: { regionId: 'r', schoolId: 's' },
  type: 'MarkRecorded',
};
const bytes = (value: unknown) => Buffer.from(canonicalize(value));

const identity = {
  eventId: event.eventId,
  streamId: 'journal-42',
  streamVersion: 17,
  type: 'MarkRecorded',
  recordedAt: '2027-05-20T10:00:00.123Z',
};

/** One field of the identity changed at a time: each must be told apart from the event. */
const OTHER_IDENTITIES = [
  ['another stream', { streamId: 'journal-4' }],
  ['a longer stream id', { streamId: 'journal-421' }],
  ['another version', { streamVersion: 1 }],
  ['a version sharing a prefix', { streamVersion: 171 }],
  ['another type', { type: 'MarkCorrected' }],
  ['another instant', { recordedAt: '2027-05-20T10:00:00.124Z' }],
  ['another event id', { eventId: '0190c0de-0000-7000-8000-00000000002b' }],
] as const;

describe('sameIdentity', () => {
  it('matches the top-level identity, not look-alikes nested in data', () => {
    expect(sameIdentity(bytes(event), identity)).toBe(true);
    expect(sameIdentity(bytes({ ...event, data: { streamId: 'journal-42' } }), identity)).toBe(
      true,
    );
  });

  it.each(OTHER_IDENTITIES)('tells %s apart', (_name, change) => {
    expect(sameIdentity(bytes(event), { ...identity, ...change })).toBe(false);
  });

  it('is not fooled by a backslash in the row where the bytes escape a quote', () => {
    const quoted = bytes({ ...event, streamId: 'journal-x"' });
    expect(sameIdentity(quoted, { ...identity, streamId: 'journal-x\\' })).toBe(false);
  });

  it('is not fooled by UTF-8 bytes that read as another text in latin1', () => {
    const accented = bytes({ ...event, streamId: 'journal-é' });
    expect(sameIdentity(accented, { ...identity, streamId: 'journal-Ã©' })).toBe(false);
    expect(hashedIdentity(accented).streamId).toBe('journal-é');
  });

  it('answers false, for a full comparison, when a value would need escaping', () => {
    const escaped = { ...event, streamId: 'journal-"odd"' };
    expect(sameIdentity(bytes(escaped), { ...identity, streamId: 'journal-"odd"' })).toBe(false);
    expect(hashedIdentity(bytes(escaped)).streamId).toBe('journal-"odd"');
  });
});

/** The row's values as an export line's bytes and their spans (the hashed bytes' key order). */
function spansOf(row: typeof identity): [Buffer, Int32Array] {
  const values = [row.eventId, row.recordedAt, row.streamId, String(row.streamVersion), row.type];
  const at = new Int32Array(10);
  let text = '{"x":';
  values.forEach((value, i) => {
    at[2 * i] = text.length + 1;
    at[2 * i + 1] = text.length + 1 + value.length;
    text += `"${value}",`;
  });
  return [Buffer.from(text, 'latin1'), at];
}

describe('sameIdentityBytes', () => {
  it('matches the top-level identity as bytes, not look-alikes nested in data', () => {
    expect(sameIdentityBytes(bytes(event), ...spansOf(identity))).toBe(true);
    const decoy = bytes({ ...event, data: { streamId: 'journal-42', streamVersion: 17 } });
    expect(sameIdentityBytes(decoy, ...spansOf(identity))).toBe(true);
  });

  it.each(OTHER_IDENTITIES)('tells %s apart', (_name, change) => {
    expect(sameIdentityBytes(bytes(event), ...spansOf({ ...identity, ...change }))).toBe(false);
  });

  it('answers false when the hashed bytes lack a key or end early', () => {
    const untyped: Partial<typeof event> = { ...event };
    delete untyped.type;
    expect(sameIdentityBytes(bytes(untyped), ...spansOf(identity))).toBe(false);
    const cut = bytes(event).subarray(0, bytes(event).length - 20);
    expect(sameIdentityBytes(cut, ...spansOf(identity))).toBe(false);
  });
});

describe('hashedIdentity', () => {
  it('reads the identity by a full parse', () => {
    expect(hashedIdentity(bytes(event))).toEqual(identity);
  });

  it('gives nulls for bytes that are not JSON, and the parse for a missing key', () => {
    expect(hashedIdentity(Buffer.from('{"eventId":"x", garbage')).streamId).toBeNull();
    const untyped: Partial<typeof event> = { ...event };
    delete untyped.type;
    expect(hashedIdentity(bytes(untyped)).type).toBeUndefined();
  });
});
