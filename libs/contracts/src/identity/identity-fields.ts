import { z } from 'zod';
import { identifier } from '../envelope/field-schemas';

/** An IANA time zone the runtime knows (`Europe/Simferopol`): "today" is computed in it. */
export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en-GB', { timeZone: zone });
        return zone.includes('/') || zone === 'UTC';
      } catch {
        return false;
      }
    },
    { message: 'must be an IANA time zone like Europe/Simferopol' },
  );

/** Roles as grants name them; libs/auth reuses this list for the grants tokens carry. */
export const IDENTITY_ROLES = [
  'regional_operator',
  'municipal_operator',
  'auditor',
  'school_admin',
  'head',
  'deputy_head',
  'teacher',
  'class_teacher',
  'parent',
  'pupil',
  'service',
] as const;
export const role = z.enum(IDENTITY_ROLES);

/** Where a grant holds: tokens expand a municipality into its schools. */
export const grantScope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('region'), id: identifier }),
  z.strictObject({ kind: z.literal('municipality'), id: identifier }),
  z.strictObject({ kind: z.literal('school'), id: identifier }),
  z.strictObject({ kind: z.literal('class'), id: identifier, schoolId: identifier }),
]);

/** A class letter as schools write it: `А`, `Б`, `1`, `М`. */
export const classLetter = z
  .string()
  .regex(/^[А-ЯЁA-Z0-9]{1,2}$/u, 'must be one or two capital letters or digits');
