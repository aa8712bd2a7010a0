import type { DocumentChange, DocumentUpdate, ReadModelCollection } from './project';

type Fields = Record<string, unknown>;

export interface HeldDocument {
  doc: Fields & { _id: string };
  /** The last version of the (one) folded stream applied to the document. */
  version: number;
}

/**
 * The read-model documents of one stream held in memory, changed by the same
 * {@link DocumentChange}s the projector writes to the database: as-of reads and rebuilds
 * fold with exactly the projection logic of the live read models.
 */
export class InMemoryDocuments {
  private readonly collections = new Map<ReadModelCollection, Map<string, HeldDocument>>();

  constructor(private readonly skipped: ReadonlySet<ReadModelCollection> = new Set()) {}

  get<T>(collection: ReadModelCollection, docId: string): T | null {
    return (this.collections.get(collection)?.get(docId)?.doc as T | undefined) ?? null;
  }

  all(collection: ReadModelCollection): HeldDocument[] {
    return [...(this.collections.get(collection)?.values() ?? [])];
  }

  /** Applies a change once per stream version, as `applyOnce` does in the database. */
  apply(change: DocumentChange, version: number): void {
    if (this.skipped.has(change.collection)) return;
    let documents = this.collections.get(change.collection);
    if (!documents) {
      documents = new Map();
      this.collections.set(change.collection, documents);
    }
    const held = documents.get(change.docId) ?? { doc: { _id: change.docId }, version: 0 };
    if (held.version >= version) return;
    applyUpdate(held.doc, change.update);
    held.version = version;
    documents.set(change.docId, held);
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
