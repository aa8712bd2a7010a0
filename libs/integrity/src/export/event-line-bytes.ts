/**
 * Spelling binary COPY fields as JSON, byte by byte into a line's buffer (each returns where
 * the line goes on): no string is made but where escaping or BigInt needs one.
 */
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const TWO_32 = 2 ** 32;

export function int32(source: Buffer, at: number): number {
  return (
    ((source[at] as number) << 24) |
    ((source[at + 1] as number) << 16) |
    ((source[at + 2] as number) << 8) |
    (source[at + 3] as number)
  );
}

export function put(out: Buffer, at: number, bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i++) out[at + i] = bytes[i] as number;
  return at + bytes.length;
}

/** A safe integer in decimal, digit by digit. */
export function decimal(out: Buffer, at: number, value: number): number {
  if (value < 0) {
    out[at++] = 0x2d;
    value = -value;
  }
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  for (let i = at + digits - 1; i >= at; i--) {
    out[i] = 0x30 + (value % 10);
    value = Math.floor(value / 10);
  }
  return at + digits;
}

/** A bigint field in decimal; without BigInt while it is below 2^53. */
export function int8(source: Buffer, at: number, out: Buffer, to: number): number {
  const high = int32(source, at);
  if (high < 0 || high >= 1 << 21) {
    return to + out.write(source.readBigInt64BE(at).toString(), to, 'latin1');
  }
  return decimal(out, to, high * TWO_32 + (int32(source, at + 4) >>> 0));
}

/** A text field as JSON: its bytes as they are when nothing needs escaping. */
export function jsonString(source: Buffer, from: number, length: number, out: Buffer, at: number) {
  out[at] = 0x22;
  for (let i = 0; i < length; i++) {
    const byte = source[from + i] as number;
    if (byte < 0x20 || byte > 0x7e || byte === 0x22 || byte === 0x5c) {
      const json = JSON.stringify(source.toString('utf8', from, from + length));
      return at + out.write(json, at, 'utf8');
    }
    out[at + 1 + i] = byte;
  }
  out[at + 1 + length] = 0x22;
  return at + length + 2;
}

export function hex(source: Buffer, from: number, length: number, out: Buffer, at: number): number {
  for (let i = from; i < from + length; i++) {
    const byte = source[i] as number;
    out[at++] = HEX_DIGITS[byte >> 4] as number;
    out[at++] = HEX_DIGITS[byte & 15] as number;
  }
  return at;
}

/** 8-4-4-4-12 lower-case hex. */
export function uuid(source: Buffer, from: number, out: Buffer, at: number): number {
  at = hex(source, from, 4, out, at);
  for (const [start, end] of UUID_GROUPS) {
    out[at++] = 0x2d;
    at = hex(source, from + start, end - start, out, at);
  }
  return at;
}

const UUID_GROUPS = [
  [4, 6],
  [6, 8],
  [8, 10],
  [10, 16],
] as const;
