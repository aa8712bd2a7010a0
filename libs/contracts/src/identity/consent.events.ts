import { z } from 'zod';
import { identifier, instant } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';

/**
 * What a consent allows (152-FZ). `diary_notifications`: the diary may notify this guardian
 * about this pupil; without it, no notification is sent.
 */
export const CONSENT_PURPOSES = ['personal_data_processing', 'diary_notifications'] as const;

/** Stream `consent-{grantorId}`: who consented, for whose data, to what, and when. */
export const ConsentGivenV1 = defineEvent({
  type: 'ConsentGiven',
  schemaVersion: 1,
  data: z.strictObject({
    consentId: identifier,
    grantorId: identifier,
    subjectId: identifier,
    purpose: z.enum(CONSENT_PURPOSES),
    givenAt: instant,
  }),
});

export const ConsentWithdrawnV1 = defineEvent({
  type: 'ConsentWithdrawn',
  schemaVersion: 1,
  data: z.strictObject({
    consentId: identifier,
    grantorId: identifier,
    subjectId: identifier,
    purpose: z.enum(CONSENT_PURPOSES),
    withdrawnAt: instant,
  }),
});

export type ConsentGiven = EventOf<typeof ConsentGivenV1>;
export type ConsentWithdrawn = EventOf<typeof ConsentWithdrawnV1>;
