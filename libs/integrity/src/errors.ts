/** Every error the integrity lib raises on purpose carries a stable code. */
export abstract class IntegrityError extends Error {
  abstract readonly code: string;
}

/**
 * The stored log no longer yields the root of a checkpoint that was signed: leaves or nodes
 * were rewritten. The checkpointer refuses to sign on top of it.
 */
export class LogInconsistentError extends IntegrityError {
  readonly code = 'INTEGRITY.LOG_INCONSISTENT';

  constructor(
    readonly treeSize: number,
    readonly signedRoot: string,
    readonly storedRoot: string,
  ) {
    super(
      `The log's root at size ${treeSize} is ${storedRoot}, but ${signedRoot} was signed: ` +
        'the log was rewritten after that checkpoint',
    );
    this.name = 'LogInconsistentError';
  }
}

/** An event without a hash (appended with hashing off) cannot become a leaf. */
export class UnhashedEventError extends IntegrityError {
  readonly code = 'INTEGRITY.UNHASHED_EVENT';

  constructor(
    readonly streamId: string,
    readonly streamVersion: number,
    readonly globalPosition: string,
  ) {
    super(`Event ${streamId}@${streamVersion} (position ${globalPosition}) has no hash`);
    this.name = 'UnhashedEventError';
  }
}

/** A node or leaf a root or proof needs is not stored (yet). */
export class LogIncompleteError extends IntegrityError {
  readonly code = 'INTEGRITY.LOG_INCOMPLETE';

  constructor(what: string) {
    super(`The Merkle log has no ${what}`);
    this.name = 'LogIncompleteError';
  }
}

/** The event, leaf or checkpoint asked about does not exist, or is not covered. */
export class NotFoundError extends IntegrityError {
  readonly code = 'INTEGRITY.NOT_FOUND';

  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** A signing key that cannot be used: malformed, reused id, or superseded by a newer key. */
export class SigningKeyError extends IntegrityError {
  readonly code = 'INTEGRITY.SIGNING_KEY';

  constructor(message: string) {
    super(message);
    this.name = 'SigningKeyError';
  }
}

/** A keyring, export or checkpoint file that does not have the documented shape. */
export class FileFormatError extends IntegrityError {
  readonly code = 'INTEGRITY.FILE_FORMAT';

  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'FileFormatError';
  }
}
