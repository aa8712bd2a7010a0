import { z } from 'zod';
import { calendarDate, freeText, identifier } from '../envelope/field-schemas';
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

/**
 * The pupil leaves a school by its order (выбытие): `onDate` is the first day not enrolled.
 * `toSchoolId`, when the destination is known, is the only school whose managers may then
 * place the pupil (зачисление); until then they see nothing of the pupil.
 */
export const PupilReleasedV1 = defineEvent({
  type: 'PupilReleased',
  schemaVersion: 1,
  data: z.strictObject({
    pupilId: identifier,
    schoolId: identifier,
    classId: identifier,
    onDate: calendarDate,
    toSchoolId: identifier.nullable(),
    orderRef: freeText(100),
  }),
});

/** A released pupil placed in a class by the receiving school's order (зачисление). */
export const PupilAdmittedV1 = defineEvent({
  type: 'PupilAdmitted',
  schemaVersion: 1,
  data: z.strictObject({
    pupilId: identifier,
    schoolId: identifier,
    classId: identifier,
    onDate: calendarDate,
    fromSchoolId: identifier,
    orderRef: freeText(100),
  }),
});

export type PupilEnrolled = EventOf<typeof PupilEnrolledV1>;
export type PupilReleased = EventOf<typeof PupilReleasedV1>;
export type PupilAdmitted = EventOf<typeof PupilAdmittedV1>;
export type PupilTransferred = EventOf<typeof PupilTransferredV1>;
export type PupilWithdrawn = EventOf<typeof PupilWithdrawnV1>;
