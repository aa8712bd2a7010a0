import { calendarDate } from '@ejournal/contracts';
import { z } from 'zod';

export const INVALID_REQUEST = 'IDENTITY.INVALID_REQUEST';

/** Ids as events carry them: opaque tokens, never names. */
export const identifierField = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be an id (letters, digits, . _ : -)');
export const personIdField = z.uuid();
/** The one date every service checks (libs/contracts): it exists, years 1900–2199. */
export const dateField = calendarDate;
export const academicYearField = z.string().regex(/^\d{4}\/\d{4}$/, 'must look like 2026/2027');
