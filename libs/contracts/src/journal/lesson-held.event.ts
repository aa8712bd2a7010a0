import { z } from 'zod';
import { calendarDate, freeText, identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';

export const LessonHeldV1 = defineEvent({
  type: 'LessonHeld',
  schemaVersion: 1,
  data: z.strictObject({
    lessonId: identifier,
    /** The school's calendar date of the lesson, not the instant it was entered. */
    date: calendarDate,
    slot: z.number().int().min(1).max(12),
    topic: freeText(500),
    homework: z.strictObject({ text: freeText(2000), dueDate: calendarDate }).nullable(),
  }),
});

export type LessonHeld = EventOf<typeof LessonHeldV1>;
