import type { ExpectedVersion } from './event-store.port';

/** Every error the store raises on purpose carries a stable code the HTTP edge maps. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream moved on since the caller read it: reload, decide again, retry (409/412). */
export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_VERSION';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, the append expected ${expected}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/**
 * Some of an append's event ids are stored and some are not, or they are stored elsewhere:
 * this is not a retry of one earlier append, so it is neither written nor answered as one.
 */
export class EventIdConflictError extends EventStoreError {
  readonly code = 'EVENT_STORE.EVENT_ID_CONFLICT';

  constructor(
    readonly streamId: string,
    readonly eventIds: string[],
    reason: string,
  ) {
    super(
      `Append to ${streamId} conflicts with stored event ids (${reason}): ${eventIds.join(', ')}`,
    );
    this.name = 'EventIdConflictError';
  }
}

/** The idempotency key was used by the same caller on the same route with another body (422). */
export class IdempotencyKeyReusedError extends EventStoreError {
  readonly code = 'EVENT_STORE.IDEMPOTENCY_KEY_REUSED';

  constructor(
    readonly caller: string,
    readonly route: string,
    readonly key: string,
  ) {
    super(`Idempotency key ${key} was already used on ${route} with another request body`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** The stream was disposed of under an act (R10): it is closed and takes no more events (410). */
export class StreamDisposedError extends EventStoreError {
  readonly code = 'EVENT_STORE.STREAM_DISPOSED';

  constructor(readonly streamId: string) {
    super(`Stream ${streamId} is disposed: it takes no more events`);
    this.name = 'StreamDisposedError';
  }
}

/** A call the store cannot make sense of: a programming error, not a user's. */
export class InvalidEventStoreArgumentError extends EventStoreError {
  readonly code = 'EVENT_STORE.INVALID_ARGUMENT';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventStoreArgumentError';
  }
}
