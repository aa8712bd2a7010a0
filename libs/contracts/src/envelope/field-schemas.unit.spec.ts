import { z } from 'zod';
import { calendarDate, instant } from './field-schemas';

const accepts = (schema: z.ZodType, value: string) => schema.safeParse(value).success;

describe('calendarDate', () => {
  it.each([
    ['an ordinary date', '2026-09-01'],
    ['29 February of a leap year', '2024-02-29'],
    ['29 February 2000 (divisible by 400)', '2000-02-29'],
    ['31 December', '2026-12-31'],
    ['the first day of the range', '1900-01-01'],
    ['the last day of the range', '2199-12-31'],
  ])('accepts %s: %s, a day JavaScript represents as written', (_, value) => {
    expect(accepts(calendarDate, value)).toBe(true);
    expect(new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10)).toBe(value);
  });

  it.each([
    ['30 February', '2026-02-30'],
    ['29 February of a common year', '2026-02-29'],
    ['29 February 1900 (a century, not a leap year)', '1900-02-29'],
    ['29 February 2100', '2100-02-29'],
    ['31 April', '2026-04-31'],
    ['month 13', '2026-13-01'],
    ['month 00', '2026-00-10'],
    ['day 00', '2026-01-00'],
    ['year 0 (PostgreSQL has none)', '0000-01-01'],
    ['a year before 1900', '1899-12-31'],
    ['a year after 2199', '2200-01-01'],
    ['a five-digit year', '12026-01-01'],
    ['no leading zeros', '2026-9-1'],
    ['the Russian notation', '01.09.2026'],
    ['an instant', '2026-09-01T00:00:00Z'],
    ['surrounding space', ' 2026-09-01'],
    ['a trailing newline', '2026-09-01\n'],
    ['full-width digits', '２０２６-09-01'],
  ])('refuses %s: %j', (_, value) => {
    expect(accepts(calendarDate, value)).toBe(false);
  });

  it('publishes the same rule as a JSON Schema pattern with format date', () => {
    const json = z.toJSONSchema(calendarDate) as { format: string; pattern: string };
    expect(json.format).toBe('date');
    const pattern = new RegExp(json.pattern);
    for (const value of ['2024-02-29', '2026-02-29', '2026-13-01', '0000-01-01', '2199-12-31']) {
      expect(pattern.test(value)).toBe(accepts(calendarDate, value));
    }
  });
});

describe('instant', () => {
  it.each([
    ['UTC as Z', '2026-09-01T09:15:00Z'],
    ['the largest positive offset', '2026-01-01T10:00:00+15:59'],
    ['the largest negative offset', '2026-01-01T10:00:00-15:59'],
    ['a zero offset', '2026-01-01T10:00:00+00:00'],
    ['milliseconds', '2026-09-01T09:15:00.123Z'],
    ['one fraction digit', '2026-09-01T09:15:00.5+03:00'],
    ['nanoseconds', '2026-09-01T09:15:00.123456789Z'],
    ['a leap day', '2024-02-29T23:59:59Z'],
    ['the first second of the range', '1900-01-01T00:00:00Z'],
    ['the last second of the range', '2199-12-31T23:59:59Z'],
  ])('accepts %s: %s, which JavaScript parses', (_, value) => {
    expect(accepts(instant, value)).toBe(true);
    expect(Number.isNaN(Date.parse(value))).toBe(false);
  });

  it.each([
    ['an offset of 16 hours', '2026-01-01T10:00:00+16:00'],
    [
      'an offset of 17:24 (PostgreSQL answers "displacement out of range")',
      '2026-01-01T10:00:00+17:24',
    ],
    ['offset minutes of 60', '2026-01-01T10:00:00+03:60'],
    ['an offset without a colon', '2026-01-01T10:00:00+0300'],
    ['an offset of hours only', '2026-01-01T10:00:00+03'],
    ['no zone (a local time is ambiguous)', '2026-01-01T10:00:00'],
    ['a lowercase z', '2026-01-01T10:00:00z'],
    ['a space instead of T', '2026-01-01 10:00:00Z'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['minute 60', '2026-01-01T10:60:00Z'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['no seconds', '2026-01-01T10:00Z'],
    ['an empty fraction', '2026-01-01T10:00:00.Z'],
    ['ten fraction digits', '2026-01-01T10:00:00.1234567890Z'],
    ['30 February', '2026-02-30T10:00:00Z'],
    ['29 February of a common year', '2026-02-29T10:00:00Z'],
    ['month 13', '2026-13-01T10:00:00Z'],
    ['year 0', '0000-01-01T00:00:00Z'],
    ['a year after 2199', '2200-01-01T00:00:00Z'],
    ['a date only', '2026-01-01'],
    ['an epoch number', '1767261600000'],
    ['an RFC 2822 date', 'Thu, 01 Jan 2026 10:00:00 GMT'],
  ])('refuses %s: %j', (_, value) => {
    expect(accepts(instant, value)).toBe(false);
  });

  it('publishes the same rule as a JSON Schema pattern with format date-time', () => {
    const json = z.toJSONSchema(instant) as { format: string; pattern: string };
    expect(json.format).toBe('date-time');
    const pattern = new RegExp(json.pattern);
    for (const value of [
      '2026-01-01T10:00:00+15:59',
      '2026-01-01T10:00:00+17:24',
      '2026-01-01T10:00:00',
      '2026-02-29T10:00:00Z',
      '2026-09-01T09:15:00.123Z',
    ]) {
      expect(pattern.test(value)).toBe(accepts(instant, value));
    }
  });

  it('says what it expects when it refuses', () => {
    const result = instant.safeParse('2026-01-01T10:00:00+17:24');
    expect(result.error?.issues[0]?.message).toMatch(/offset up to ±15:59/);
  });
});
