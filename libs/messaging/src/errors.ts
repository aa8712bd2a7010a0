/** Every error messaging raises on purpose carries a stable code, also written to the DLQ. */
export abstract class MessagingError extends Error {
  abstract readonly code: string;
}

/** A message that is not a recorded event: retrying cannot help, it is dead-lettered at once. */
export class UndecodableMessageError extends MessagingError {
  readonly code = 'MESSAGING.UNDECODABLE_MESSAGE';

  constructor(reason: string) {
    super(`The message is not a recorded event: ${reason}`);
    this.name = 'UndecodableMessageError';
  }
}

/**
 * A read model document is behind the event it was handed: an earlier event of the stream
 * was not applied (dead-lettered, or a rebuild is under way). Retried, then dead-lettered,
 * which schedules the rebuild that fills the gap.
 */
export class ReadModelGapError extends MessagingError {
  readonly code = 'MESSAGING.READ_MODEL_GAP';

  constructor(
    readonly documentId: string,
    readonly streamId: string,
    readonly streamVersion: number,
    readonly appliedVersion: number,
  ) {
    super(
      `Document ${documentId} holds ${streamId} up to version ${appliedVersion}, ` +
        `so version ${streamVersion} cannot be applied yet`,
    );
    this.name = 'ReadModelGapError';
  }
}

/** The relay's PostgreSQL session, and with it the single-publisher lock, is gone. */
export class RelayLeaseLostError extends MessagingError {
  readonly code = 'MESSAGING.RELAY_LEASE_LOST';

  constructor(name: string, cause?: unknown) {
    super(`The relay ${name} lost its lock connection`, { cause });
    this.name = 'RelayLeaseLostError';
  }
}

/**
 * Topics could not be made ready (created, every partition's leader answering): the service
 * cannot start. Names the topics and the broker's last answer.
 */
export class TopicsNotReadyError extends MessagingError {
  readonly code = 'MESSAGING.TOPICS_NOT_READY';

  constructor(
    readonly topics: string[],
    reason: string,
    cause: unknown,
  ) {
    super(`Kafka topics ${topics.join(', ')} are not ready: ${reason}`, { cause });
    this.name = 'TopicsNotReadyError';
  }
}

/** A call messaging cannot make sense of: a programming or configuration error. */
export class InvalidMessagingArgumentError extends MessagingError {
  readonly code = 'MESSAGING.INVALID_ARGUMENT';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidMessagingArgumentError';
  }
}

const STABLE_CODE = /^[A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_]*$/;

/** The stable code of any error (ours, the store's, the contracts'), for DLQ headers. */
export function errorCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STABLE_CODE.test(code) ? code : 'MESSAGING.HANDLER_FAILED';
}

export function errorMessageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
