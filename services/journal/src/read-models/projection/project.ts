import {
  columnId,
  markCellId,
  type CellHistoryState,
  type ColumnState,
  type JournalState,
  type MarkCellState,
} from '../documents/journal-documents';
import { evolveColumn } from './evolve-column';
import { evolveJournal } from './evolve-journal';
import { historyEntry } from './history-entry';
import {
  isCellEvent,
  isLessonEvent,
  journalIdOf,
  type CellEvent,
  type RecordedJournalStreamEvent,
} from './journal-event';

export type ReadModelCollection =
  'journals' | 'grid_columns' | 'cell_history' | 'mark_cells' | 'teacher_journals';

/** Top-level fields only: what FerretDB 1.x and MongoDB alike apply (no positional `$`). */
export interface DocumentUpdate {
  $set?: Record<string, unknown>;
  $push?: Record<string, unknown>;
  $addToSet?: Record<string, unknown>;
}

export interface DocumentChange {
  collection: ReadModelCollection;
  docId: string;
  update: DocumentUpdate;
  /**
   * `contiguous`: the document folds every event of the stream (the journal header, which
   * therefore guards against gaps); `monotonic`: it folds some of them.
   */
  order: 'contiguous' | 'monotonic';
}

/**
 * The documents an event changes, as they stand before it. FerretDB 1.x has neither the
 * positional `$` (it silently matches nothing) nor `arrayFilters`, so changing one cell of a
 * column's `cells` array takes the current column: `project` computes the new one.
 */
export interface CurrentDocuments {
  journal: JournalState | null;
  column: ColumnState | null;
  /** The history of the event's lesson (a cell event's), every entry of its cells. */
  history?: CellHistoryState | null;
  /** Where the corrected or revoked mark lives; see {@link markToLocate}. */
  location: MarkCellState | null;
}

/** The mark whose cell must be read before projecting the event. */
export function markToLocate(event: RecordedJournalStreamEvent): string | null {
  return event.type === 'MarkCorrected' || event.type === 'MarkRevoked' ? event.data.markId : null;
}

/** The lesson column the event changes, once its mark was located. */
export function lessonOf(
  event: RecordedJournalStreamEvent,
  location: MarkCellState | null,
): string | null {
  if (event.type === 'MarkCorrected' || event.type === 'MarkRevoked') {
    return location?.lessonId ?? null;
  }
  return isLessonEvent(event) || isCellEvent(event) ? event.data.lessonId : null;
}

/**
 * Event → the changes of every document it touches, the journal header last: the header
 * holds the stream's version, so once it is written every document of the event is.
 */
export function project(
  event: RecordedJournalStreamEvent,
  current: CurrentDocuments,
  skipped: ReadonlySet<ReadModelCollection> = NONE_SKIPPED,
): DocumentChange[] {
  const journalId = journalIdOf(event.streamId);
  const changes: DocumentChange[] = [];
  if (isLessonEvent(event) || isCellEvent(event)) {
    const column = evolveColumn(current.column, event, current.location);
    changes.push(monotonic('grid_columns', column._id, { $set: fieldsOf(column) }));
  }
  if (isCellEvent(event) && !skipped.has('cell_history')) {
    // The whole history set (it is stored as one string): the current one and the new entry.
    const { lessonId, pupilId } = cellOf(event, current.location);
    const entries = [...(current.history?.entries ?? []), { pupilId, ...historyEntry(event) }];
    changes.push(
      monotonic('cell_history', columnId(journalId, lessonId), {
        $set: { journalId, lessonId, entries },
      }),
    );
  }
  if (event.type === 'MarkRecorded') {
    const { markId, lessonId, pupilId } = event.data;
    const located = { journalId, lessonId, pupilId };
    changes.push(monotonic('mark_cells', markCellId(journalId, markId), { $set: located }));
  }
  if (event.type === 'TeacherAssigned' || event.type === 'SubstituteAssigned') {
    const update = { $addToSet: { journalIds: journalId } };
    changes.push(monotonic('teacher_journals', event.data.teacherId, update));
  }
  const journal = evolveJournal(current.journal, event);
  const header = journal === current.journal ? {} : { $set: fieldsOf(journal) };
  changes.push({ collection: 'journals', docId: journalId, update: header, order: 'contiguous' });
  return changes;
}

function cellOf(event: CellEvent, location: MarkCellState | null) {
  if (event.type === 'MarkCorrected' || event.type === 'MarkRevoked') {
    return location as MarkCellState; // evolveColumn refused an unknown mark already
  }
  return event.data;
}

function monotonic(
  collection: ReadModelCollection,
  docId: string,
  update: DocumentUpdate,
): DocumentChange {
  return { collection, docId, update, order: 'monotonic' };
}

const NONE_SKIPPED: ReadonlySet<ReadModelCollection> = new Set();
const BOOKKEEPING: ReadonlySet<string> = new Set(['_id', 'versions', 'quarantine']);

/** A document's fields without `_id` and the read-model bookkeeping (once per event: a loop). */
function fieldsOf(document: object): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key in document) {
    if (!BOOKKEEPING.has(key)) fields[key] = (document as Record<string, unknown>)[key];
  }
  return fields;
}
