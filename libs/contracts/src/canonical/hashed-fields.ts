import type { RecordedEvent } from '../envelope/event-envelope';
import { ContractValidationError } from '../registry/contract-errors';
import { canonicalize } from './canonical-json';

/**
 * The fields tamper evidence covers. Left out: `globalPosition` (assigned at commit, after the
 * hash), `traceparent` (telemetry, not record), and `prevHash`/`hash` themselves, which the
 * chain combines separately: `hash = SHA-256(prevHash || hashedBytes(event))`.
 */
export const HASHED_FIELDS = [
  'eventId',
  'type',
  'schemaVersion',
  'streamId',
  'streamVersion',
  'occurredAt',
  'recordedAt',
  'tenant',
  'actor',
  'correlationId',
  'causationId',
  'data',
] as const;

export type HashedField = (typeof HASHED_FIELDS)[number];

/**
 * UTF-8 bytes of the RFC 8785 canonical JSON of the hashed fields only. A hashed field that is
 * undefined is an error, not an omission: hashing before the store set `recordedAt` would
 * otherwise produce a hash that no later check can reproduce.
 */
export function hashedBytes(event: Pick<RecordedEvent, HashedField>): Buffer {
  const hashed: Partial<Record<HashedField, unknown>> = {};
  for (const field of HASHED_FIELDS) {
    if (event[field] === undefined) {
      throw new ContractValidationError(String(event.type), field, 'is required for hashing');
    }
    hashed[field] = event[field];
  }
  return Buffer.from(canonicalize(hashed), 'utf8');
}
