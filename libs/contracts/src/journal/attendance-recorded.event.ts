import { z } from 'zod';
import { identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';
import { correctionFields } from './correction-fields';

export const ATTENDANCE_STATUSES = ['absent', 'excused', 'sick', 'late'] as const;
/** What a correction may set: a status, or `present` when the absence was entered by mistake. */
export const CORRECTED_ATTENDANCE = [...ATTENDANCE_STATUSES, 'present'] as const;

export const AttendanceRecordedV1 = defineEvent({
  type: 'AttendanceRecorded',
  schemaVersion: 1,
  data: z.strictObject({
    lessonId: identifier,
    pupilId: identifier,
    status: z.enum(ATTENDANCE_STATUSES),
  }),
});

/** Absent → excused after a doctor's note, and the like. */
export const AttendanceCorrectedV1 = defineEvent({
  type: 'AttendanceCorrected',
  schemaVersion: 1,
  data: z.strictObject({
    lessonId: identifier,
    pupilId: identifier,
    from: z.enum(ATTENDANCE_STATUSES),
    to: z.enum(CORRECTED_ATTENDANCE),
    ...correctionFields,
  }),
});

export type AttendanceRecorded = EventOf<typeof AttendanceRecordedV1>;
export type AttendanceCorrected = EventOf<typeof AttendanceCorrectedV1>;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
