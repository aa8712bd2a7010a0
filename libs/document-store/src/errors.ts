/** Every error a document store raises on purpose carries a stable code the HTTP edge maps. */
export abstract class DocumentStoreError extends Error {
  abstract readonly code: string;
}

/** No document under that ref (404). */
export class DocumentNotFoundError extends DocumentStoreError {
  readonly code = 'DOCUMENT_STORE.NOT_FOUND';

  constructor(readonly ref: string) {
    super(`No document is stored under ${ref}`);
    this.name = 'DocumentNotFoundError';
  }
}

/** The stored bytes no longer hash to their ref: tampered with or damaged (an incident, 500). */
export class DocumentCorruptedError extends DocumentStoreError {
  readonly code = 'DOCUMENT_STORE.CONTENT_MISMATCH';

  constructor(
    readonly ref: string,
    readonly actual: string,
  ) {
    super(`The document stored under ${ref} hashes to ${actual}`);
    this.name = 'DocumentCorruptedError';
  }
}

/** Not a `sha256:<64 lowercase hex>` ref (400 at an edge, a programming error inside). */
export class InvalidDocumentRefError extends DocumentStoreError {
  readonly code = 'DOCUMENT_STORE.INVALID_REF';

  constructor(readonly ref: string) {
    super(`Not a document ref (sha256:<64 lowercase hex>): ${JSON.stringify(ref).slice(0, 80)}`);
    this.name = 'InvalidDocumentRefError';
  }
}

/** The store's configuration or server cannot do what is asked (e.g. a bucket without object lock). */
export class DocumentStoreConfigError extends DocumentStoreError {
  readonly code = 'DOCUMENT_STORE.MISCONFIGURED';

  constructor(message: string) {
    super(message);
    this.name = 'DocumentStoreConfigError';
  }
}
