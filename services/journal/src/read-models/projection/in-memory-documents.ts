import type { DocumentChange, DocumentUpdate, ReadModelCollection } from './project';

type Fields = Record<string, unknown>;

export interface HeldDocument {
  doc: Fields & { _id: string };
  /** The last version of the (one) folded stream applied to the document. */
  version: number;
}

/** Told of each change `apply` made, with the stream version it came from. */
export type AppliedListener = (change: DocumentChange, version: number) => void;

/**
 * The read-model documents of one stream held in memory, changed by the same
 * {@link DocumentChange}s the projector writes to the database: as-of reads, rebuilds and the
 * projector's batches fold with exactly the projection logic of the live read models. A batch
 * seeds the documents it loaded and listens to the changes, which it then writes.
 */
export class InMemoryDocuments {
  private readonly collections = new Map<ReadModelCollection, Map<string, HeldDocument>>();

  constructor(
    readonly skipped: ReadonlySet<ReadModelCollection> = new Set(),
    private readonly onApplied?: AppliedListener,
  ) {}

  /** Holds a stored document, with the stream version it holds, to fold further events on. */
  seed(collection: ReadModelCollection, doc: HeldDocument['doc'], version: number): void {
    this.documentsOf(collection).set(doc._id, { doc: { ...doc }, version });
  }

  get<T>(collection: ReadModelCollection, docId: string): T | null {
    return (this.collections.get(collection)?.get(docId)?.doc as T | undefined) ?? null;
  }

  all(collection: ReadModelCollection): HeldDocument[] {
    return [...(this.collections.get(collection)?.values() ?? [])];
  }

  /** The documents of a collection, typed as `get` types one. */
  docsOf<T>(collection: ReadModelCollection): T[] {
    return this.all(collection).map(({ doc }) => doc as T);
  }

  /** Applies a change once per stream version, as `applyOnce` does in the database. */
  apply(change: DocumentChange, version: number): void {
    if (this.skipped.has(change.collection)) return;
    const documents = this.documentsOf(change.collection);
    const held = documents.get(change.docId) ?? { doc: { _id: change.docId }, version: 0 };
    if (held.version >= version) return;
    applyUpdate(held.doc, change.update);
    held.version = version;
    documents.set(change.docId, held);
    this.onApplied?.(change, version);
  }

  private documentsOf(collection: ReadModelCollection): Map<string, HeldDocument> {
    let documents = this.collections.get(collection);
    if (!documents) {
      documents = new Map();
      this.collections.set(collection, documents);
    }
    return documents;
  }
}

function applyUpdate(doc: Fields, update: DocumentUpdate): void {
  for (const [field, value] of Object.entries(update.$set ?? {})) doc[field] = value;
  for (const [field, value] of Object.entries(update.$push ?? {})) arrayOf(doc, field).push(value);
  for (const [field, value] of Object.entries(update.$addToSet ?? {})) {
    const array = arrayOf(doc, field);
    if (!array.includes(value)) array.push(value);
  }
}

function arrayOf(doc: Fields, field: string): unknown[] {
  const existing = doc[field];
  if (Array.isArray(existing)) return existing;
  const created: unknown[] = [];
  doc[field] = created;
  return created;
}
