import { applyOnce, releaseQuarantine, versionPath } from '@ejournal/messaging';
import type { EventStore } from '@ejournal/event-store';
import { modelOf, type JournalReadModels } from '../documents/read-model-schemas';
import { foldJournal } from '../projection/fold-journal';
import { journalIdOf } from '../projection/journal-event';
import type { ReadModelCollection } from '../projection/project';
import { versionedDocuments } from './versioned-documents';

export interface RebuildDependencies {
  store: Pick<EventStore, 'readStream'>;
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
  const versioned = (collection: ReadModelCollection) => versionedDocuments(folded, collection);
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
