import type { RecordedEvent } from '@ejournal/contracts';
import { ReadModelGapError, type ApplyResult } from '@ejournal/messaging';
import { versionOf } from '../documents/bookkeeping';
import { decodeColumn, type StoredColumn } from '../documents/column-codec';
import { decodeHistory } from '../documents/history-codec';
import { columnId, markCellId, type MarkCellState } from '../documents/journal-documents';
import type { JournalReadModels } from '../documents/read-model-schemas';
import { foldInto } from '../projection/fold-journal';
import { journalIdOf, type RecordedJournalStreamEvent } from '../projection/journal-event';
import { lessonOf, markToLocate } from '../projection/project';
import { BatchWrites } from './batch-writes';

/**
 * Applies a run of one journal stream's events (in order, as the store holds them) to the
 * documents they touch, with the projection every other fold uses: each touched document is
 * read once (columns and lessons' histories by lesson, marks' locations by mark) (the header with them, before anything is written) and written once
 * (BatchWrites). The header is written last: it folds every event of the stream, so it refuses
 * a gap before anything is written ({@link ReadModelGapError}), and once it holds version v
 * every document of the events up to v is written. Events the header
 * already holds are duplicates; applying the run again changes nothing. Callers serialise the
 * runs of one stream (the projector's lock).
 */
export async function applyJournalBatch(
  models: JournalReadModels,
  streamId: string,
  events: readonly RecordedEvent[],
): Promise<ApplyResult[]> {
  const journalId = journalIdOf(streamId);
  const run = events as readonly RecordedJournalStreamEvent[];
  const located = unique(run.map(markToLocate));
  const named = unique(run.map((event) => lessonOf(event, null)));
  // One round trip in the usual batch: the header, the located marks, the lessons' columns.
  const [header, marks, columns, histories] = await Promise.all([
    models.journals.findById(journalId),
    findEach(located, (id) => models.markCells.findById(markCellId(journalId, id))),
    findEach(named, (id) => models.columns.findById(columnId(journalId, id))),
    findEach(named, (id) => models.histories.findById(columnId(journalId, id))),
  ]);
  const applied = versionOf(header, streamId);
  const fresh = run.filter((event) => event.streamVersion > applied);
  fresh.forEach((event, index) => {
    if (event.streamVersion !== applied + 1 + index) {
      throw new ReadModelGapError(journalId, streamId, event.streamVersion, applied + index);
    }
  });
  if (fresh.length > 0) {
    const writes = new BatchWrites(models, streamId);
    if (header) writes.seed('journals', header, applied);
    for (const mark of marks) writes.seed('mark_cells', mark, versionOf(mark, streamId));
    const lessons = lessonsOfMarks(journalId, fresh, marks);
    const more = lessons.filter((lessonId) => !named.includes(lessonId));
    const [corrected, correctedHistories] = await Promise.all([
      findEach(more, (id) => models.columns.findById(columnId(journalId, id))),
      findEach(more, (id) => models.histories.findById(columnId(journalId, id))),
    ]);
    for (const stored of [...columns, ...corrected]) seedColumn(writes, stored);
    for (const stored of [...histories, ...correctedHistories]) {
      const history = decodeHistory(stored);
      writes.seed('cell_history', history, versionOf(history, streamId));
    }
    foldInto(writes.documents, streamId, fresh);
    await writes.flush();
  }
  return events.map((event) => (event.streamVersion > applied ? 'applied' : 'duplicate'));
}

const unique = (ids: (string | null)[]) => [
  ...new Set(ids.filter((id): id is string => id !== null)),
];

/** The stored documents found, by `_id`, all at once. */
async function findEach<T extends object>(
  ids: string[],
  find: (id: string) => Promise<T | null>,
): Promise<T[]> {
  const found: (T | null)[] = await Promise.all(ids.map(find));
  return found.filter((doc): doc is T => doc !== null);
}

/** The lessons of corrected and revoked marks: stored, or recorded earlier in the batch. */
function lessonsOfMarks(
  journalId: string,
  events: readonly RecordedJournalStreamEvent[],
  stored: readonly MarkCellState[],
): string[] {
  const lessons = new Map(stored.map((mark) => [mark._id, mark.lessonId]));
  const found: (string | null)[] = [];
  for (const event of events) {
    if (event.type === 'MarkRecorded') {
      lessons.set(markCellId(journalId, event.data.markId), event.data.lessonId);
    }
    const markId = markToLocate(event);
    if (markId) found.push(lessons.get(markCellId(journalId, markId)) ?? null);
  }
  return unique(found);
}

/** A stored column, decoded, to fold on. */
function seedColumn(writes: BatchWrites, stored: StoredColumn): void {
  const column = decodeColumn(stored);
  writes.seed('grid_columns', column, versionOf(column, writes.streamId));
}
