import { z } from 'zod';
import {
  decimalPosition,
  eventId,
  identifier,
  instant,
  sha256Hex,
  traceparent,
} from './field-schemas';

const tenant = z.strictObject({ regionId: identifier, schoolId: identifier.nullable() });

const actor = z.strictObject({
  userId: identifier,
  role: identifier,
  onBehalfOf: identifier.nullable(),
});

const newEventShape = {
  eventId,
  type: z.string().min(1),
  schemaVersion: z.number().int().min(1),
  occurredAt: instant,
  tenant,
  actor,
  correlationId: identifier,
  causationId: identifier.nullable(),
  traceparent: traceparent.nullable(),
  data: z.unknown(),
};

// In the order of ARCHITECTURE §2, which is also the order of fields in the JSON Schema.
const recordedEventShape = {
  eventId,
  type: newEventShape.type,
  schemaVersion: newEventShape.schemaVersion,
  streamId: z.string().min(1).max(256),
  streamVersion: z.number().int().min(1),
  globalPosition: decimalPosition,
  occurredAt: instant,
  recordedAt: instant,
  tenant,
  actor,
  correlationId: newEventShape.correlationId,
  causationId: newEventShape.causationId,
  traceparent: newEventShape.traceparent,
  prevHash: sha256Hex.nullable(),
  hash: sha256Hex.nullable(),
  data: z.unknown(),
};

export type EnvelopeKind = 'new' | 'recorded';

/**
 * The schema of one version of one event type: the envelope with `type` and `schemaVersion`
 * fixed and `data` replaced. The envelope stays open to unknown fields so that a recorded
 * event can be checked as a new one and envelope fields added later do not break readers;
 * `data` is strict, which is where personal data could otherwise slip in.
 */
export function envelopeSchema<S extends z.ZodType>(
  kind: EnvelopeKind,
  type: string,
  schemaVersion: number,
  data: S,
) {
  const shape = kind === 'new' ? newEventShape : recordedEventShape;
  return z.looseObject({
    ...shape,
    type: z.literal(type),
    schemaVersion: z.literal(schemaVersion),
    data,
  });
}
