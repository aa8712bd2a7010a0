import { z } from 'zod';
import { calendarDate, identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';
import { MARK_SCALES } from '../journal/journal-opened.event';
import { role } from './identity-fields';

export const AVERAGE_METHODS = ['weighted', 'arithmetic'] as const;
export const ROUNDING_MODES = ['half_up', 'half_even'] as const;

/**
 * One version of a school's rules (stream `school-{id}`), shown to every user of the school
 * (R12). Journal events that applied a rule record the `policyVersion` they used.
 */
export const SchoolPolicyPublishedV1 = defineEvent({
  type: 'SchoolPolicyPublished',
  schemaVersion: 1,
  data: z.strictObject({
    schoolId: identifier,
    policyVersion: z.number().int().min(1),
    effectiveFrom: calendarDate,
    /** Calendar days after the lesson date, ending at midnight in the school's time zone. */
    correctionWindowDays: z.number().int().min(0).max(60),
    afterWindowAuthorisedBy: z.array(role).min(1),
    afterPeriodClosedAuthorisedBy: z.array(role).min(1),
    /** An order reference (приказ) is required for a change after the window. */
    orderRequired: z.boolean(),
    markScales: z.array(z.enum(MARK_SCALES)).min(1),
    workTypeWeights: z
      .array(
        z.strictObject({
          workType: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a snake_case work type'),
          weight: z.number().positive().max(10),
        }),
      )
      .min(1),
    averaging: z.strictObject({
      method: z.enum(AVERAGE_METHODS),
      decimals: z.number().int().min(0).max(2),
      rounding: z.enum(ROUNDING_MODES),
    }),
  }),
});

export type SchoolPolicyPublished = EventOf<typeof SchoolPolicyPublishedV1>;
