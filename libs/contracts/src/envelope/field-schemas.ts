import { z } from 'zod';

/**
 * Ids are opaque tokens. Restricting them to this alphabet keeps names, e-mail addresses and
 * other personal data from being passed off as ids, since events are kept for 25 years.
 */
export const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be an id (letters, digits, . _ : -)');

export const eventId = z.uuidv7();

/*
 * Dates and instants are checked by one regular expression each, so the pattern the JSON
 * Schema and OpenAPI documents publish is exactly what is enforced. Years are 1900–2199 and
 * offsets at most ±15:59: PostgreSQL refuses larger offsets ("time zone displacement out of
 * range") and year 0, and both it and JavaScript represent every value in these bounds.
 */
const YEAR = '(?:19|20|21)\\d{2}';
/** Leap years of 1900–2199: divisible by 4, except 1900 and 2100; 2000 is one. */
const LEAP_YEAR = '(?:(?:19|20|21)(?:0[48]|[2468][048]|[13579][26])|2000)';
const MONTH_DAY =
  '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))';
const DATE = `(?:${YEAR}-${MONTH_DAY}|${LEAP_YEAR}-02-29)`;
/** Seconds are required; up to nine fraction digits (PostgreSQL keeps six, JavaScript three). */
const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d{1,9})?';
const OFFSET = '(?:Z|[+-](?:0\\d|1[0-5]):[0-5]\\d)';

const CALENDAR_DATE_PATTERN = new RegExp(`^${DATE}$`);
const INSTANT_PATTERN = new RegExp(`^${DATE}T${TIME}${OFFSET}$`);

/**
 * An ISO 8601 instant: `2026-09-01T09:15:00Z`, `2026-09-01T09:15:00.250+03:00`. The zone is
 * required: a local time means nothing without the school's zone, which the client does not own.
 */
export const instant = z.stringFormat('date-time', INSTANT_PATTERN, {
  error:
    'must be an ISO 8601 instant YYYY-MM-DDThh:mm:ss[.fff] with Z or an offset up to ±15:59, years 1900–2199',
});

/** A date of the school calendar, `YYYY-MM-DD`, checked to exist, years 1900–2199. */
export const calendarDate = z.stringFormat('date', CALENDAR_DATE_PATTERN, {
  error: 'must be a date YYYY-MM-DD that exists, years 1900–2199',
});

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');

/** W3C Trace Context `traceparent` header value. */
export const traceparent = z
  .string()
  .regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/, 'must be a W3C traceparent');

/** The bigint position as a decimal string without leading zeros. */
export const decimalPosition = z.string().regex(/^(0|[1-9][0-9]*)$/, 'must be a decimal integer');

/**
 * Free text (topics, homework, reasons), the one place events may hold prose. NUL is refused
 * because PostgreSQL text and jsonb cannot store it, and the store must not fail after
 * validation passed.
 */
export function freeText(maxLength: number) {
  return (
    z
      .string()
      .min(1)
      .max(maxLength)
      // eslint-disable-next-line no-control-regex -- NUL is exactly what must be matched
      .regex(/^[^\u0000]*$/, 'must not contain NUL')
  );
}
