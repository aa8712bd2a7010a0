import type { CellHistoryState, LessonHistoryEntry } from './journal-documents';
import type { Stored } from './read-model';

/**
 * How a `cell_history` document keeps a lesson's entries: one JSON string, as a column keeps
 * its cells (column-codec): FerretDB 1.x converts every value of a document on each read and
 * write, and a lesson's history is ~30 entries of 18 fields, always read and written whole.
 */
export interface HistoryDocument extends Omit<CellHistoryState, 'entries'> {
  entries: string | LessonHistoryEntry[];
}

export function decodeHistory(stored: Stored<HistoryDocument>): Stored<CellHistoryState> {
  const entries =
    typeof stored.entries === 'string'
      ? (JSON.parse(stored.entries) as LessonHistoryEntry[])
      : stored.entries;
  return { ...stored, entries };
}

/** A history's fields (or a `$set` of them) as stored: `entries` encoded when present. */
export function encodeHistoryFields<F extends Record<string, unknown>>(fields: F): F {
  const entries = fields['entries'];
  if (!Array.isArray(entries)) return fields;
  return { ...fields, entries: JSON.stringify(entries) };
}
