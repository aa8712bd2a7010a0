import { z } from 'zod';

/**
 * Ids are opaque tokens. Restricting them to this alphabet keeps names, e-mail addresses and
 * other personal data from being passed off as ids, since events are kept for 25 years.
 */
export const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be an id (letters, digits, . _ : -)');

export const eventId = z.uuidv7();

/** An ISO-8601 instant with seconds and an explicit zone (`Z` or an offset). */
export const instant = z.iso.datetime({ offset: true });

/** A date of the school calendar, `YYYY-MM-DD`, checked to exist. */
export const calendarDate = z.iso.date();

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
