import { z } from 'zod';
import { identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';

export const ATTENDANCE_STATUSES = ['absent', 'excused', 'sick', 'late'] as const;

export const AttendanceRecordedV1 = defineEvent({
  type: 'AttendanceRecorded',
  schemaVersion: 1,
  data: z.strictObject({
    lessonId: identifier,
    pupilId: identifier,
    status: z.enum(ATTENDANCE_STATUSES),
  }),
});

export type AttendanceRecorded = EventOf<typeof AttendanceRecordedV1>;
