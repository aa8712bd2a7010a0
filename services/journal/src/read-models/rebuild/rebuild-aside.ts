import { START, type EventStore, type GlobalCheckpoint } from '@ejournal/event-store';
import { versionKey } from '@ejournal/messaging';
import { ensureLookups } from '@ejournal/read-store';
import type { Connection, mongo } from 'mongoose';
import { JOURNAL_LOOKUPS } from '../documents/read-model-schemas';
import { foldJournal } from '../projection/fold-journal';
import { JOURNAL_CATEGORY, journalIdOf } from '../projection/journal-event';
import type { ReadModelCollection } from '../projection/project';
import { atMost } from '../projector/at-most';
import { versionedDocuments } from './versioned-documents';

export interface RebuildAsideDependencies {
  store: Pick<
    EventStore,
    'readStream' | 'listStreams' | 'categoryHead' | 'saveSubscriptionCheckpoint'
  >;
  connection: Connection;
  /** FerretDB's PostgreSQL database, for the lookup indexes of the rebuilt collections. */
  postgresUrl?: string | undefined;
  /** The projector's subscription: moved to where the rebuild read up to. */
  subscription: string;
  onProgress?: (progress: RebuildProgress) => void;
}

export interface RebuildProgress {
  journals: number;
  of: number;
  events: number;
  documents: number;
  seconds: number;
}

export interface AsideReport extends RebuildProgress {
  /** Where the projector's subscription continues: the category's end when the rebuild began. */
  checkpoint: GlobalCheckpoint;
  /** Building the lookup indexes of the full collections. */
  indexSeconds: number;
  switchMs: number;
}

const COLLECTIONS: readonly ReadModelCollection[] = [
  'grid_columns',
  'cell_history',
  'mark_cells',
  'teacher_journals',
  'journals',
];
const PER_JOURNAL: readonly ReadModelCollection[] = ['grid_columns', 'cell_history', 'mark_cells'];
const ASIDE = '_rebuild';
const REPLACED = '_replaced';
const JOURNALS_AT_ONCE = 4;
const CHUNK = 1000;
const INSERTS_AT_ONCE = 2;

type Document = Record<string, unknown> & { _id: string };

/**
 * The operator's full rebuild, built aside and then switched: every journal stream is folded
 * (4 at a time) with the live projection logic and written, by bulk inserts, into collections
 * of their own (`<name>_rebuild`), which get their lookup indexes once full; then each is
 * switched in by two renames (`<name>` → `<name>_replaced`, `<name>_rebuild` → `<name>`),
 * journal headers last, and the replaced ones dropped. Readers see the old documents until the
 * switch and the rebuilt ones after it, never a collection half written. The projector's
 * subscription is moved to the category's end as it was when the rebuild began: every event up
 * to it is in the rebuilt documents, and a later one the rebuild also wrote is a duplicate
 * there. Run it with the projection paused (`pauseProjection`): it must be the only writer.
 */
export async function rebuildAside(deps: RebuildAsideDependencies): Promise<AsideReport> {
  const begun = performance.now();
  const db = deps.connection.db as mongo.Db;
  const checkpoint = await deps.store.categoryHead(JOURNAL_CATEGORY);
  const streams = await deps.store.listStreams(JOURNAL_CATEGORY);
  for (const collection of COLLECTIONS)
    await db
      .collection(collection + ASIDE)
      .drop()
      .catch(none);
  const progress: RebuildProgress = {
    journals: 0,
    of: streams.length,
    events: 0,
    documents: 0,
    seconds: 0,
  };
  const teachers = new Map<string, { journalIds: string[]; versions: Record<string, number> }>();
  const insert = async (collection: ReadModelCollection, documents: Document[]) => {
    const chunks: Document[][] = [];
    for (let start = 0; start < documents.length; start += CHUNK) {
      chunks.push(documents.slice(start, start + CHUNK));
    }
    await atMost(INSERTS_AT_ONCE, chunks, async (chunk) => {
      await db.collection<Document>(collection + ASIDE).insertMany(chunk, { ordered: false });
    });
    progress.documents += documents.length;
  };
  await atMost(JOURNALS_AT_ONCE, streams, async (streamId) => {
    const events = await deps.store.readStream(streamId);
    const folded = foldJournal(streamId, events);
    for (const collection of [...PER_JOURNAL, 'journals'] as const) {
      await insert(collection, versionedDocuments(folded, collection) as Document[]);
    }
    for (const { doc, version } of folded.documents.all('teacher_journals')) {
      const teacher = teachers.get(doc._id) ?? { journalIds: [], versions: {} };
      teacher.journalIds.push(journalIdOf(streamId));
      teacher.versions[versionKey(streamId)] = version;
      teachers.set(doc._id, teacher);
    }
    progress.journals += 1;
    progress.events += events.length;
    progress.seconds = (performance.now() - begun) / 1000;
    deps.onProgress?.({ ...progress });
  });
  await insert(
    'teacher_journals',
    [...teachers].map(([_id, teacher]) => ({
      _id,
      ...teacher,
      journalIds: teacher.journalIds.sort(),
    })),
  );
  const indexing = performance.now();
  await ensureLookups(
    deps.connection,
    JOURNAL_LOOKUPS.map((lookup) => ({ ...lookup, collection: lookup.collection + ASIDE })),
    { postgresUrl: deps.postgresUrl },
  );
  const indexSeconds = (performance.now() - indexing) / 1000;
  const switching = performance.now();
  const existing = new Set(
    (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name),
  );
  const rename = (from: string, to: string) =>
    db
      .admin()
      .command({ renameCollection: `${db.databaseName}.${from}`, to: `${db.databaseName}.${to}` });
  for (const collection of COLLECTIONS) {
    await db
      .collection(collection + REPLACED)
      .drop()
      .catch(none);
    if (existing.has(collection)) await rename(collection, collection + REPLACED);
    await rename(collection + ASIDE, collection);
  }
  const switchMs = performance.now() - switching;
  for (const collection of COLLECTIONS)
    await db
      .collection(collection + REPLACED)
      .drop()
      .catch(none);
  await deps.store.saveSubscriptionCheckpoint(deps.subscription, checkpoint ?? START);
  const seconds = (performance.now() - begun) / 1000;
  return { ...progress, seconds, checkpoint, indexSeconds, switchMs };
}

const none = () => undefined;
