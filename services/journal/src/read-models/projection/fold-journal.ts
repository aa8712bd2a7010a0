import type { RecordedEvent } from '@ejournal/contracts';
import {
  columnId,
  markCellId,
  type CellHistoryState,
  type ColumnState,
  type JournalState,
  type MarkCellState,
} from '../documents/journal-documents';
import { InMemoryDocuments } from './in-memory-documents';
import { journalIdOf, type RecordedJournalStreamEvent } from './journal-event';
import { lessonOf, markToLocate, project, type ReadModelCollection } from './project';

export interface FoldedJournal {
  streamId: string;
  /** The version of the last event folded; 0 for none. */
  version: number;
  documents: InMemoryDocuments;
}

/**
 * Folds the events of one journal stream, in order, into its read-model documents in memory,
 * through {@link project}. Linear in the events: each one copies at most one column's cells.
 */
export function foldJournal(
  streamId: string,
  events: readonly RecordedEvent[],
  skip: readonly ReadModelCollection[] = [],
): FoldedJournal {
  const documents = new InMemoryDocuments(new Set(skip));
  const version = foldInto(documents, streamId, events);
  return { streamId, version, documents };
}

/**
 * Folds events of the stream into documents already held (empty, or seeded with stored ones
 * by the projector's batch), each document taking an event once. Returns the last version.
 */
export function foldInto(
  documents: InMemoryDocuments,
  streamId: string,
  events: readonly RecordedEvent[],
): number {
  const journalId = journalIdOf(streamId);
  let version = 0;
  for (const recorded of events) {
    const event = recorded as RecordedJournalStreamEvent;
    const markId = markToLocate(event);
    const location = markId
      ? documents.get<MarkCellState>('mark_cells', markCellId(journalId, markId))
      : null;
    const lessonId = lessonOf(event, location);
    const column = lessonId
      ? documents.get<ColumnState>('grid_columns', columnId(journalId, lessonId))
      : null;
    const history = lessonId
      ? documents.get<CellHistoryState>('cell_history', columnId(journalId, lessonId))
      : null;
    const journal = documents.get<JournalState>('journals', journalId);
    const current = { journal, column, location, history };
    for (const change of project(event, current, documents.skipped)) {
      documents.apply(change, event.streamVersion);
    }
    version = event.streamVersion;
  }
  return version;
}
