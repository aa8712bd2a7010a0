/** What a document is stored with; the bytes themselves are addressed by their SHA-256. */
export interface DocumentMeta {
  /** MIME type, e.g. `application/pdf`, `application/pkcs7-signature`. */
  contentType: string;
  /**
   * Kept at least until then: an S3 store locks the object (WORM) to this date; the
   * filesystem store keeps every file read-only and has no delete at all.
   */
  retainUntil?: Date;
}

/** Where a put left the bytes: `ref` is `sha256:<64 lowercase hex>`, the same for the same bytes. */
export interface StoredDocument {
  ref: string;
  size: number;
}

/** The outcome of re-reading and re-hashing a stored document. */
export type DocumentVerification =
  | { ref: string; ok: true; size: number }
  | { ref: string; ok: false; size: number; actual: string };

/**
 * Content-addressed, write-once storage of documents (year-end PDFs, signatures). Putting the
 * same bytes twice stores them once and answers the same ref; nothing is ever rewritten.
 */
export interface DocumentStore {
  put(bytes: Uint8Array, meta: DocumentMeta): Promise<StoredDocument>;
  /** The bytes, checked against the ref: `DocumentNotFoundError`, `DocumentCorruptedError`. */
  get(ref: string): Promise<Uint8Array>;
  has(ref: string): Promise<boolean>;
  /** Re-reads and re-hashes the stored bytes (an operator's or auditor's check). */
  verify(ref: string): Promise<DocumentVerification>;
}
