import { z } from 'zod';
import { eventId, freeText, identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';
import { correctionFields } from './correction-fields';
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

/** Names the value it replaces (`from`) and the policy version it applied. */
export const MarkCorrectedV2 = defineEvent({
  type: 'MarkCorrected',
  schemaVersion: 2,
  data: z.strictObject({
    markId: identifier,
    correctsEventId: eventId,
    from: markValue.nullable(),
    value: markValue,
    ...correctionFields,
    policyVersion: correctionFields.policyVersion.nullable(),
  }),
  previous: MarkCorrectedV1,
  // A v1 correction did not record the value it replaced nor the policy it applied.
  upcast: (v1) => ({ ...v1, from: null, policyVersion: null }),
});

/** A mark withdrawn (entered for the wrong pupil); the cell keeps its history. */
export const MarkRevokedV1 = defineEvent({
  type: 'MarkRevoked',
  schemaVersion: 1,
  data: z.strictObject({ markId: identifier, ...correctionFields }),
});

export type MarkCorrected = EventOf<typeof MarkCorrectedV2>;
export type MarkRevoked = EventOf<typeof MarkRevokedV1>;
