import { z } from 'zod';
import { calendarDate, identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';

export const GUARDIAN_RELATIONS = ['mother', 'father', 'legal_guardian', 'other'] as const;
/** `no_record_access`: a court order bars the guardian from the child's records and diary. */
export const GUARDIANSHIP_RESTRICTIONS = ['no_record_access', 'no_notifications'] as const;
export const GUARDIANSHIP_END_REASONS = ['pupil_came_of_age', 'court_order', 'other'] as const;

const restrictions = z.array(z.enum(GUARDIANSHIP_RESTRICTIONS)).max(2);

/**
 * Stream `guardianship-{pupilId}`. Valid from `validFrom` until the day before `validUntil`
 * (null: open-ended); a pupil coming of age ends it by its date, set when linked.
 */
export const GuardianLinkedV1 = defineEvent({
  type: 'GuardianLinked',
  schemaVersion: 1,
  data: z.strictObject({
    pupilId: identifier,
    guardianId: identifier,
    relation: z.enum(GUARDIAN_RELATIONS),
    validFrom: calendarDate,
    validUntil: calendarDate.nullable(),
    restrictions,
  }),
});

/** The restrictions in force from `fromDate` (they replace the earlier ones). */
export const GuardianshipRestrictedV1 = defineEvent({
  type: 'GuardianshipRestricted',
  schemaVersion: 1,
  data: z.strictObject({
    pupilId: identifier,
    guardianId: identifier,
    restrictions,
    fromDate: calendarDate,
  }),
});

export const GuardianshipEndedV1 = defineEvent({
  type: 'GuardianshipEnded',
  schemaVersion: 1,
  data: z.strictObject({
    pupilId: identifier,
    guardianId: identifier,
    onDate: calendarDate,
    reason: z.enum(GUARDIANSHIP_END_REASONS),
  }),
});

export type GuardianLinked = EventOf<typeof GuardianLinkedV1>;
export type GuardianshipRestricted = EventOf<typeof GuardianshipRestrictedV1>;
export type GuardianshipEnded = EventOf<typeof GuardianshipEndedV1>;
