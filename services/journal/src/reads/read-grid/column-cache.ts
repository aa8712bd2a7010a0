import type { ColumnState } from '../../read-models/documents/journal-documents';
import type { JournalHeader } from '../journal-header/journal-header';

/** ~30 full-year journals (170 columns × 30 cells), a few tens of MB of columns. */
const MAX_CELLS = 150_000;

interface Entry {
  version: number;
  columns: readonly ColumnState[];
  cells: number;
}

/**
 * The columns of recently read journals, each under the version of the journal's header it
 * was read with. Right on every replica: a read first takes the header from the database, and
 * its version names exactly one state of the columns, since every event up to it wrote its
 * columns before the header, and a rebuild clears the header's version while it rewrites them.
 * A read is kept only when it is exactly that state: the header not stale, no column ahead of
 * it (a batch under way), and one column per lesson it counts (none missing). Least recently
 * used journals go first past {@link MAX_CELLS} cells. The columns are shared: never change them.
 */
export class ColumnCache {
  private readonly entries = new Map<string, Entry>();
  private cells = 0;

  constructor(private readonly maxCells = MAX_CELLS) {}

  get(header: JournalHeader): readonly ColumnState[] | null {
    const entry = this.entries.get(header.journalId);
    if (!entry || header.stale || entry.version !== header.version) return null;
    this.entries.delete(header.journalId);
    this.entries.set(header.journalId, entry);
    return entry.columns;
  }

  /** Keeps columns read after `header` if they are its state; `versions` are the columns'. */
  offer(header: JournalHeader, columns: readonly ColumnState[], versions: readonly number[]) {
    const lessons = columns.filter((column) => !column.voided).length;
    const exact =
      !header.stale &&
      header.version > 0 &&
      lessons === header.lessonCount &&
      versions.every((version) => version <= header.version);
    if (!exact) return;
    this.drop(header.journalId);
    const cells = columns.reduce((sum, column) => sum + column.cells.length, 0);
    if (cells > this.maxCells) return;
    this.entries.set(header.journalId, { version: header.version, columns, cells });
    this.cells += cells;
    for (const [journalId] of this.entries) {
      if (this.cells <= this.maxCells) break;
      this.drop(journalId);
    }
  }

  private drop(journalId: string): void {
    const entry = this.entries.get(journalId);
    if (!entry) return;
    this.entries.delete(journalId);
    this.cells -= entry.cells;
  }
}
