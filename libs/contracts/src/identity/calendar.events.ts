import { z } from 'zod';
import { calendarDate, freeText, identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';
import { academicYear } from '../journal/journal-opened.event';

export const PERIOD_KINDS = ['quarters', 'trimesters', 'halves'] as const;

const dateRange = { startsOn: calendarDate, endsOn: calendarDate };

/**
 * A school's calendar for one academic year (stream `school-{id}`); setting it again replaces
 * it, and the latest event is the calendar in force.
 */
export const AcademicCalendarSetV1 = defineEvent({
  type: 'AcademicCalendarSet',
  schemaVersion: 1,
  data: z.strictObject({
    schoolId: identifier,
    academicYear,
    ...dateRange,
    periodKind: z.enum(PERIOD_KINDS),
    periods: z
      .array(z.strictObject({ number: z.number().int().min(1).max(4), ...dateRange }))
      .min(2)
      .max(4),
    holidays: z.array(z.strictObject({ ...dateRange, title: freeText(100) })).max(50),
  }),
});

export type AcademicCalendarSet = EventOf<typeof AcademicCalendarSetV1>;
