import { z } from 'zod';
import { identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';

export const JOURNAL_KINDS = [
  'lesson',
  'elective',
  'club',
  'extended_day',
  'extracurricular',
  'individual',
] as const;

export const MARK_SCALES = ['five_point', 'pass_fail'] as const;

/** `2026/2027`: two consecutive years. */
export const academicYear = z
  .string()
  .regex(/^\d{4}\/\d{4}$/, 'must look like 2026/2027')
  .refine((year) => Number(year.slice(5)) === Number(year.slice(0, 4)) + 1, {
    message: 'must span two consecutive years',
  });

/** A journal for one school, academic year, group and subject or activity (stream `journal-{id}`). */
export const JournalOpenedV1 = defineEvent({
  type: 'JournalOpened',
  schemaVersion: 1,
  data: z.strictObject({
    journalId: identifier,
    schoolId: identifier,
    academicYear,
    groupId: identifier,
    kind: z.enum(JOURNAL_KINDS),
    subjectId: identifier.nullable(),
    scale: z.enum(MARK_SCALES),
  }),
});

export type JournalOpened = EventOf<typeof JournalOpenedV1>;
