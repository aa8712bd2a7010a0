import { applyOnce, releaseQuarantine, versionKey, versionPath } from '@ejournal/messaging';
import { START, type EventStore } from '@ejournal/event-store';
import { encodeColumnFields } from '../documents/column-codec';
import { allModels, modelOf, type JournalReadModels } from '../documents/read-model-schemas';
import { foldJournal } from '../projection/fold-journal';
import { JOURNAL_CATEGORY, journalIdOf } from '../projection/journal-event';
import type { ReadModelCollection } from '../projection/project';

export interface RebuildDependencies {
  store: Pick<EventStore, 'readStream' | 'readCategory'>;
  models: JournalReadModels;
}

const BATCH = 500;
const PER_JOURNAL = ['grid_columns', 'cell_history', 'mark_cells'] as const;

/**
 * Rebuilds one journal's documents from its stream: folds every event in memory with the
 * live projection logic, rewrites the journal's columns, cell histories and mark locations
 * (deleted, then inserted in batches: FerretDB 1.x inserts ~30 times faster than it replaces),
 * and replaces the header last, since its version tells readers and waiters the documents are
 * complete (it is cleared first, for the while they are not). Columns are stored encoded
 * (column-codec). Returns the stream version the documents now hold. Usable as the `rebuild` of
 * `quarantineAndRebuild`; must not run concurrently with a projector applying the same stream
 * (the projector's own `rebuild` takes its lock).
 */
export async function rebuildJournal(deps: RebuildDependencies, streamId: string): Promise<number> {
  const folded = foldJournal(streamId, await deps.store.readStream(streamId));
  const journalId = journalIdOf(streamId);
  const versioned = (collection: ReadModelCollection) =>
    folded.documents.all(collection).map(({ doc, version }) => ({
      ...(collection === 'grid_columns' ? encodeColumnFields(doc) : doc),
      versions: { [versionKey(streamId)]: version },
    }));
  // The header's version says every document up to it is written: not while they are rewritten
  // (readers, waiters and the grid's column cache see 0 until the header is replaced).
  await deps.models.journals.updateOne(
    { _id: journalId },
    { $unset: { [versionPath(streamId)]: 1 } },
  );
  for (const collection of PER_JOURNAL) {
    const model = modelOf(deps.models, collection);
    await model.deleteMany({ journalId });
    const documents = versioned(collection);
    // Lean: the fold's documents already have the schema's shape (the idempotency spec compares
    // them with the projector's), and casting 10,000 of them would take most of the rebuild.
    for (let start = 0; start < documents.length; start += BATCH) {
      await model.insertLean(documents.slice(start, start + BATCH));
    }
  }
  const [header] = versioned('journals');
  if (header) await deps.models.journals.replaceOne(journalId, header, { upsert: true });
  else await deps.models.journals.deleteOne(journalId);
  // Shared by the teacher's journals: add this one, leave the others' versions alone.
  for (const { doc, version } of folded.documents.all('teacher_journals')) {
    const source = { streamId, streamVersion: version };
    const update = { $addToSet: { journalIds: journalId } };
    await applyOnce(deps.models.teacherJournals.model, doc._id, source, update, {
      order: 'monotonic',
    });
  }
  await releaseQuarantine(deps.models.teacherJournals.model, streamId);
  return folded.version;
}

export interface RebuildReport {
  journals: number;
}

/**
 * The operator's command: clears every journal read model and rebuilds each journal stream
 * found in the store. Run it while no projector writes (the service stopped or scaled to
 * zero): FerretDB 1.x loses concurrent updates of one document. A projector started after it
 * continues from its own checkpoint; one running meanwhile heals each journal it touches.
 */
export async function rebuildReadModels(deps: RebuildDependencies): Promise<RebuildReport> {
  await Promise.all(allModels(deps.models).map((model) => model.deleteMany({})));
  const streams = await journalStreams(deps.store);
  for (const streamId of streams) await rebuildJournal(deps, streamId);
  return { journals: streams.length };
}

async function journalStreams(store: RebuildDependencies['store']): Promise<string[]> {
  const streams = new Set<string>();
  let from = START;
  for (;;) {
    const page = await store.readCategory(JOURNAL_CATEGORY, from, { limit: 1000 });
    if (page.entries.length === 0) return [...streams];
    for (const { event } of page.entries) streams.add(event.streamId);
    from = page.next;
  }
}
