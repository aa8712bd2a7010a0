import { z } from 'zod';
import { freeText, identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';
import { academicYear } from './journal-opened.event';

const period = z.number().int().min(1).max(4);

/** Entries of a closed period change only after an authorised reopening. */
export const PeriodClosedV1 = defineEvent({
  type: 'PeriodClosed',
  schemaVersion: 1,
  data: z.strictObject({ period }),
});

export const PeriodReopenedV1 = defineEvent({
  type: 'PeriodReopened',
  schemaVersion: 1,
  data: z.strictObject({
    period,
    reason: freeText(500),
    authorisedBy: identifier,
    orderRef: freeText(100).nullable(),
  }),
});

/** The year is over: the journal rejects everything after this event. */
export const JournalSealedV1 = defineEvent({
  type: 'JournalSealed',
  schemaVersion: 1,
  data: z.strictObject({ academicYear }),
});

export type PeriodClosed = EventOf<typeof PeriodClosedV1>;
export type PeriodReopened = EventOf<typeof PeriodReopenedV1>;
export type JournalSealed = EventOf<typeof JournalSealedV1>;
