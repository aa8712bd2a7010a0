import { z } from 'zod';
import { eventId, freeText, identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';
import { markValue } from './mark-recorded.event';

/**
 * A mark changed by a new event, never in place. `authorisedBy` and `orderRef` are set when
 * policy requires an authorising person and order (after the correction window or period).
 */
export const MarkCorrectedV1 = defineEvent({
  type: 'MarkCorrected',
  schemaVersion: 1,
  data: z.strictObject({
    markId: identifier,
    correctsEventId: eventId,
    value: markValue,
    reason: freeText(500),
    authorisedBy: identifier.nullable(),
    orderRef: freeText(100).nullable(),
  }),
});

export type MarkCorrected = EventOf<typeof MarkCorrectedV1>;
