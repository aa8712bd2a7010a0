import { z } from 'zod';
import { calendarDate, identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';

export const WITHDRAWAL_REASONS = ['graduated', 'moved_away', 'family_education', 'other'] as const;

/**
 * Stream `enrolment-{pupilId}`: one pupil's placements over time, across schools (the id is
 * region-wide). Every date is the first school day the new placement holds; intervals are
 * half-open, so a pupil transferred on the 10th was in the old class until the 9th.
 */
export const PupilEnrolledV1 = defineEvent({
  type: 'PupilEnrolled',
  schemaVersion: 1,
  data: z.strictObject({
    pupilId: identifier,
    schoolId: identifier,
    classId: identifier,
    onDate: calendarDate,
  }),
});

/** Into another class of the same school or of another school. */
export const PupilTransferredV1 = defineEvent({
  type: 'PupilTransferred',
  schemaVersion: 1,
  data: z.strictObject({
    pupilId: identifier,
    fromSchoolId: identifier,
    fromClassId: identifier,
    toSchoolId: identifier,
    toClassId: identifier,
    onDate: calendarDate,
  }),
});

/** `onDate` is the first day the pupil is no longer enrolled. */
export const PupilWithdrawnV1 = defineEvent({
  type: 'PupilWithdrawn',
  schemaVersion: 1,
  data: z.strictObject({
    pupilId: identifier,
    schoolId: identifier,
    classId: identifier,
    onDate: calendarDate,
    reason: z.enum(WITHDRAWAL_REASONS),
  }),
});

export type PupilEnrolled = EventOf<typeof PupilEnrolledV1>;
export type PupilTransferred = EventOf<typeof PupilTransferredV1>;
export type PupilWithdrawn = EventOf<typeof PupilWithdrawnV1>;
