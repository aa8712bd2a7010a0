import { applyOnce, ReadModelGapError, versionKey, versionPath } from '@ejournal/messaging';
import { versionOf } from '../documents/bookkeeping';
import { encodeColumnFields } from '../documents/column-codec';
import { encodeHistoryFields } from '../documents/history-codec';
import type { Identified } from '../documents/read-model';
import { modelOf, type JournalReadModels } from '../documents/read-model-schemas';
import { InMemoryDocuments } from '../projection/in-memory-documents';
import type { DocumentChange, DocumentUpdate, ReadModelCollection } from '../projection/project';
import { atMost } from './at-most';
import { insertNew } from './insert-new';
import { mergeChanges, type VersionedUpdate } from './merge-changes';

const WRITES_AT_ONCE = 8;
const BOOKKEEPING: ReadonlySet<string> = new Set(['_id', 'versions', 'quarantine']);

interface Touched {
  collection: ReadModelCollection;
  docId: string;
  changes: VersionedUpdate[];
}

type Fields = Record<string, unknown>;
const keyOf = (collection: string, docId: string) => `${collection}|${docId}`;
const lastOf = (t: Touched) => (t.changes.at(-1) as VersionedUpdate).version;
const firstOf = (t: Touched) => (t.changes[0] as VersionedUpdate).version;
const holding = (version: number) => (version > 0 ? version : { $exists: false });

/** Columns' cells and lessons' histories are stored as strings (column-codec, history-codec). */
function encodedFields<F extends Fields>(collection: ReadModelCollection, fields: F): F {
  if (collection === 'grid_columns') return encodeColumnFields(fields);
  if (collection === 'cell_history') return encodeHistoryFields(fields);
  return fields;
}

/**
 * A batch's documents in memory (seeded with those it loaded) and its writes: each document
 * its events changed is written once, with a version check that covers the batch. A loaded
 * document is updated only if it still holds the version it was loaded with; a document never
 * stored is inserted (many at a time: FerretDB 1.x inserts far faster than it updates). What
 * a check refuses (a replay, a write that stopped half-way) is looked at again: there already,
 * or written from the changes it lacks. Teachers' lists, shared by journals, go through
 * `applyOnce`; the header comes last, its version then covering every document of the batch.
 */
export class BatchWrites {
  readonly documents = new InMemoryDocuments(new Set(), (change, version) =>
    this.record(change, version),
  );
  private readonly touched = new Map<string, Touched>();
  /** Version each loaded document held. */
  private readonly stored = new Map<string, number>();

  constructor(
    private readonly models: JournalReadModels,
    readonly streamId: string,
  ) {}

  /** Holds a stored document, with the version it holds. */
  seed(collection: ReadModelCollection, doc: object, version: number): void {
    const held = doc as Fields & { _id: string };
    this.documents.seed(collection, held, version);
    this.stored.set(keyOf(collection, held._id), version);
  }

  async flush(): Promise<void> {
    const of = (collection: ReadModelCollection) =>
      [...this.touched.values()].filter((t) => t.collection === collection);
    const isNew = (t: Touched) => !this.stored.has(keyOf(t.collection, t.docId));
    const own = [...of('grid_columns'), ...of('cell_history'), ...of('mark_cells')];
    const inserts = new Set(own.filter(isNew));
    const updates = own.filter((t) => !inserts.has(t));
    await Promise.all([
      ...['grid_columns', 'cell_history', 'mark_cells'].map((collection) =>
        this.insert([...inserts].filter((t) => t.collection === collection)),
      ),
      atMost(WRITES_AT_ONCE, updates, (t) => this.update(t)),
    ]);
    for (const t of of('teacher_journals')) {
      const { $addToSet } = mergeChanges(t.changes);
      const source = { streamId: this.streamId, streamVersion: lastOf(t) };
      await applyOnce(this.model(t).model, t.docId, source, { $addToSet }, { order: 'monotonic' });
    }
    for (const header of of('journals')) {
      await (isNew(header) ? this.insert([header]) : this.update(header));
    }
  }

  private record(change: DocumentChange, version: number): void {
    const key = keyOf(change.collection, change.docId);
    const touched = this.touched.get(key) ?? { ...change, changes: [] };
    touched.changes.push({ update: change.update, version });
    this.touched.set(key, touched);
  }

  /** Touched documents of one collection, inserted; those stored already are looked at again. */
  private async insert(touched: Touched[]): Promise<void> {
    if (touched.length === 0) return;
    const docs = touched.map((t) => this.documentOf(t));
    const refused = await insertNew(this.model(touched[0] as Touched), docs, WRITES_AT_ONCE);
    await atMost(WRITES_AT_ONCE, refused, (index) => this.again(touched[index] as Touched));
  }

  private async update(t: Touched): Promise<void> {
    const loaded = this.stored.get(keyOf(t.collection, t.docId));
    const expected = loaded === undefined ? { $lt: firstOf(t) } : holding(loaded);
    const result = await this.model(t).updateOne(
      { _id: t.docId, [versionPath(this.streamId)]: expected },
      this.updateOf(t, t.changes),
    );
    if (result.matchedCount !== 1) await this.again(t);
  }

  /** The version check refused: write what the stored document lacks, if anything. */
  private async again(t: Touched): Promise<void> {
    const model = this.model(t);
    const current = await model.findFields(t.docId, { versions: 1 });
    if (!current) {
      await model.insertOne(this.documentOf(t));
      return;
    }
    const stored = versionOf(current, this.streamId);
    if (t.collection === 'journals' && stored < firstOf(t) - 1) {
      throw new ReadModelGapError(t.docId, this.streamId, firstOf(t), stored);
    }
    const lacking = t.changes.filter((change) => change.version > stored);
    if (lacking.length === 0) return;
    if (!this.stored.has(keyOf(t.collection, t.docId))) {
      // Its changes set whole fields folded on a document the batch did not load.
      throw new Error(`${t.collection} ${t.docId} was stored meanwhile; the batch is retried`);
    }
    const result = await model.updateOne(
      { _id: t.docId, [versionPath(this.streamId)]: holding(stored) },
      this.updateOf(t, lacking),
    );
    if (result.matchedCount !== 1) {
      throw new Error(`${t.collection} ${t.docId} was written meanwhile; the batch is retried`);
    }
  }

  private updateOf(t: Touched, changes: VersionedUpdate[]): DocumentUpdate {
    const merged = mergeChanges(changes);
    const $set = encodedFields(t.collection, merged.$set);
    const version = (changes.at(-1) as VersionedUpdate).version;
    return { ...merged, $set: { ...$set, [versionPath(this.streamId)]: version } };
  }

  /** The document as the batch leaves it, for an insert. */
  private documentOf(t: Touched): Identified {
    const held = this.documents.get<Fields>(t.collection, t.docId) ?? {};
    const doc = Object.fromEntries(Object.entries(held).filter(([key]) => !BOOKKEEPING.has(key)));
    const fields = encodedFields(t.collection, doc);
    return { _id: t.docId, ...fields, versions: { [versionKey(this.streamId)]: lastOf(t) } };
  }

  private model(t: Touched) {
    return modelOf(this.models, t.collection);
  }
}
