import type { NewEvent } from '@ejournal/contracts';
import { EventIdConflictError, InvalidEventStoreArgumentError } from '../errors';
import type { EventSchemas, ExpectedVersion } from '../event-store.port';
import { assertStreamId } from '../stream-id';

export const MAX_EVENTS_PER_APPEND = 1000;

/**
 * Everything about an append that can be checked without the database, checked before it is
 * touched: the stream id, the batch, every event against its contract (which throws the
 * contracts' typed error). Returns the events as the contracts parsed them.
 */
export function validateAppend(
  streamId: string,
  expectedVersion: ExpectedVersion,
  events: NewEvent[],
  schemas: EventSchemas,
): NewEvent[] {
  assertStreamId(streamId);
  assertExpectedVersion(expectedVersion);
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidEventStoreArgumentError(`An append to ${streamId} needs at least one event`);
  }
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new InvalidEventStoreArgumentError(
      `An append holds at most ${MAX_EVENTS_PER_APPEND} events, not ${events.length}`,
    );
  }
  const ids = events.map((event) => event.eventId);
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (repeated.length > 0) {
    throw new EventIdConflictError(streamId, [...new Set(repeated)], 'repeated within the append');
  }
  return events.map((event) => schemas.validate(event));
}

function assertExpectedVersion(expected: ExpectedVersion): void {
  if (expected === 'any' || expected === 'noStream') return;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new InvalidEventStoreArgumentError(
      `Expected version must be 'any', 'noStream' or a whole number >= 0, not ${String(expected)}`,
    );
  }
}

/** The version the stream must be at, or null when the append does not check it. */
export function requiredVersion(expected: ExpectedVersion): number | null {
  if (expected === 'any') return null;
  return expected === 'noStream' ? 0 : expected;
}
