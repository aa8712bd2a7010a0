import { z } from 'zod';
import { calendarDate, freeText, identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';
import { correctionFields } from './correction-fields';

/** The topic or homework of a held lesson, replaced by a new event. */
export const LessonEditedV1 = defineEvent({
  type: 'LessonEdited',
  schemaVersion: 1,
  data: z.strictObject({
    lessonId: identifier,
    topic: freeText(500),
    homework: z.strictObject({ text: freeText(2000), dueDate: calendarDate }).nullable(),
    ...correctionFields,
  }),
});

/** A lesson entered by mistake (the wrong date); its marks and attendance no longer count. */
export const LessonVoidedV1 = defineEvent({
  type: 'LessonVoided',
  schemaVersion: 1,
  data: z.strictObject({ lessonId: identifier, ...correctionFields }),
});

export type LessonEdited = EventOf<typeof LessonEditedV1>;
export type LessonVoided = EventOf<typeof LessonVoidedV1>;
