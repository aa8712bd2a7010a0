import { z } from 'zod';
import { identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';

const FIVE_POINT_VALUES = ['1', '2', '3', '4', '5'] as const;

/** `exempt` and `not_attested` are values, not scales. */
export const MARK_VALUES = [
  ...FIVE_POINT_VALUES,
  'pass',
  'fail',
  'exempt',
  'not_attested',
] as const;

export const markValue = z.enum(MARK_VALUES);

export const MarkRecordedV1 = defineEvent({
  type: 'MarkRecorded',
  schemaVersion: 1,
  data: z.strictObject({
    markId: identifier,
    lessonId: identifier,
    pupilId: identifier,
    value: z.enum(FIVE_POINT_VALUES),
  }),
});

/** Adds the pass/fail scale, work type and weight. */
export const MarkRecordedV2 = defineEvent({
  type: 'MarkRecorded',
  schemaVersion: 2,
  data: z.strictObject({
    markId: identifier,
    lessonId: identifier,
    pupilId: identifier,
    value: markValue,
    workType: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a snake_case work type'),
    weight: z.number().positive().max(10),
  }),
  previous: MarkRecordedV1,
  // Before v2 every mark was ordinary classwork of weight 1.
  upcast: (v1) => ({ ...v1, workType: 'classwork', weight: 1 }),
});

export type MarkRecorded = EventOf<typeof MarkRecordedV2>;
export type MarkValue = z.infer<typeof markValue>;
