/** Nest injection tokens of the year-end documents. */
export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');
/** The archive's own event store, where each document and signature is recorded. */
export const DOCUMENT_EVENTS_STORE = Symbol('DOCUMENT_EVENTS_STORE');
