import { ValidationProblem } from '../problems/problem';

export const MALFORMED_JSON = 'HTTP.MALFORMED_JSON';
export const INVALID_UTF8 = 'HTTP.INVALID_UTF8';
export const JSON_TOO_DEEP = 'HTTP.JSON_TOO_DEEP';
export const NOT_I_JSON = 'HTTP.NOT_I_JSON';

/** No request of any service nests deeper than a few levels; 32 leaves room and stops abuse. */
export const MAX_JSON_DEPTH = 32;

/** How the JSON text becomes a value: fastify's parser, which refuses `__proto__` keys. */
export type JsonTextParser = (text: string) => unknown;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A JSON request body, checked before anything reads it: UTF-8 (a byte that is not is refused,
 * never replaced by U+FFFD), nesting at most `MAX_JSON_DEPTH` deep (checked before parsing, so
 * a megabyte of `[` costs nothing), and I-JSON (RFC 7493): no lone surrogate, no whole number
 * beyond ±(2^53 − 1). The event store, canonical hashes and PostgreSQL jsonb refuse those later
 * anyway; refused here, they are a 400 with a stable code instead of a 500.
 */
export function parseJsonBody(bytes: Buffer, parse: JsonTextParser): unknown {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new ValidationProblem(INVALID_UTF8, 'The body is not valid UTF-8');
  }
  if (nestsDeeperThan(text, MAX_JSON_DEPTH))
    throw new ValidationProblem(
      JSON_TOO_DEEP,
      `The body nests arrays and objects more than ${MAX_JSON_DEPTH} deep`,
    );
  let value: unknown;
  try {
    value = parse(text);
  } catch {
    throw new ValidationProblem(MALFORMED_JSON, 'The body is not JSON (RFC 8259)');
  }
  const flaw = iJsonFlaw(value);
  if (flaw) throw new ValidationProblem(NOT_I_JSON, `The body is not I-JSON (RFC 7493): ${flaw}`);
  return value;
}

/** Counts brackets outside strings; malformed text is left for the parser to refuse. */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index += 1;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (char === 0x5d || char === 0x7d) depth -= 1;
  }
  return false;
}

const LONE_SURROGATE = /\p{Cs}/u;

/** What breaks I-JSON in a parsed value, if anything (its depth is already bounded). */
function iJsonFlaw(value: unknown): string | null {
  if (typeof value === 'string')
    return LONE_SURROGATE.test(value) ? 'a string holds a lone surrogate' : null;
  if (typeof value === 'number')
    return Number.isInteger(value) && !Number.isSafeInteger(value)
      ? 'a whole number lies beyond ±(2^53 − 1); send it as a string'
      : null;
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const flaw = iJsonFlaw(item);
      if (flaw) return flaw;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const flaw = LONE_SURROGATE.test(key)
      ? 'a member name holds a lone surrogate'
      : iJsonFlaw(item);
    if (flaw) return flaw;
  }
  return null;
}
