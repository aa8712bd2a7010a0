import { applyOnce, releaseQuarantine, versionKey } from '@ejournal/messaging';
import { START, type EventStore } from '@ejournal/event-store';
import { allModels, modelOf, type JournalReadModels } from '../documents/read-model-schemas';
import { foldJournal, type FoldedJournal } from '../projection/fold-journal';
import { JOURNAL_CATEGORY, journalIdOf } from '../projection/journal-event';

export interface RebuildDependencies {
  store: Pick<EventStore, 'readStream' | 'readCategory'>;
  models: JournalReadModels;
}

const BATCH = 500;
const PER_JOURNAL = ['grid_columns', 'cell_history', 'mark_cells'] as const;

/**
 * Rebuilds one journal's documents from its stream: folds every event in memory with the
 * live projection logic, replaces each document whole (versions included, quarantine gone),
 * then removes the journal's documents the fold no longer produces. Readers never see the
 * journal missing meanwhile. Returns the stream version the documents now hold. Usable as the
 * `rebuild` of `quarantineAndRebuild`; must not run concurrently with a projector applying the
 * same stream (the projector's own `rebuild` takes its lock).
 */
export async function rebuildJournal(deps: RebuildDependencies, streamId: string): Promise<number> {
  const folded = foldJournal(streamId, await deps.store.readStream(streamId));
  const journalId = journalIdOf(streamId);
  await replace(deps.models, folded, 'journals');
  if (folded.version === 0) await deps.models.journals.deleteOne({ _id: journalId });
  for (const collection of PER_JOURNAL) {
    const kept = await replace(deps.models, folded, collection);
    await modelOf(deps.models, collection).deleteMany({ journalId, _id: { $nin: kept } });
  }
  // Shared by the teacher's journals: add this one, leave the others' versions alone.
  for (const { doc, version } of folded.documents.all('teacher_journals')) {
    const source = { streamId, streamVersion: version };
    const update = { $addToSet: { journalIds: journalId } };
    await applyOnce(deps.models.teacherJournals, doc._id, source, update, { order: 'monotonic' });
  }
  await releaseQuarantine(deps.models.teacherJournals, streamId);
  return folded.version;
}

async function replace(
  models: JournalReadModels,
  folded: FoldedJournal,
  collection: 'journals' | (typeof PER_JOURNAL)[number],
): Promise<string[]> {
  const key = versionKey(folded.streamId);
  const held = folded.documents.all(collection);
  for (let start = 0; start < held.length; start += BATCH) {
    const writes = held.slice(start, start + BATCH).map(({ doc, version }) => ({
      replaceOne: {
        filter: { _id: doc._id },
        replacement: { ...doc, versions: { [key]: version } },
        upsert: true,
      },
    }));
    await modelOf(models, collection).bulkWrite(writes as never);
  }
  return held.map(({ doc }) => doc._id);
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
