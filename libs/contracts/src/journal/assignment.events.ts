import { z } from 'zod';
import { calendarDate, identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';

/** Who teaches a journal is the journal's fact, not an identity grant. */
export const TeacherAssignedV1 = defineEvent({
  type: 'TeacherAssigned',
  schemaVersion: 1,
  data: z.strictObject({ teacherId: identifier, fromDate: calendarDate }),
});

/** `onDate` is the first day the teacher no longer teaches the journal. */
export const TeacherUnassignedV1 = defineEvent({
  type: 'TeacherUnassigned',
  schemaVersion: 1,
  data: z.strictObject({ teacherId: identifier, onDate: calendarDate }),
});

/** A deputy head names a substitute for one lesson slot, before or after it is held. */
export const SubstituteAssignedV1 = defineEvent({
  type: 'SubstituteAssigned',
  schemaVersion: 1,
  data: z.strictObject({
    teacherId: identifier,
    date: calendarDate,
    slot: z.number().int().min(1).max(12),
  }),
});

export type TeacherAssigned = EventOf<typeof TeacherAssignedV1>;
export type TeacherUnassigned = EventOf<typeof TeacherUnassignedV1>;
export type SubstituteAssigned = EventOf<typeof SubstituteAssignedV1>;
