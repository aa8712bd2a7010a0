import type { CellState, ColumnState } from './journal-documents';
import type { Stored } from './read-model';

/**
 * How a `grid_columns` document keeps its cells: one JSON string, not an array of
 * sub-documents. FerretDB 1.x converts every BSON value between its PostgreSQL `jsonb` and the
 * wire, and that conversion is what a grid read pays for: a full year (170 columns × 30
 * cells, ~50,000 values) took ~500 ms to come back, a projection of a single field still
 * ~350 ms, one document holding all the columns as much; the same bytes as one string per
 * column come back in ~40 ms. The cells are only ever read and written whole (FerretDB 1.x
 * cannot change an array element in place), so nothing queries inside them.
 *
 * The projection folds {@link ColumnState}s; the encoding happens only where documents meet
 * the database. A column stored before (cells as an array) is read as it is.
 */
export interface ColumnDocument extends Omit<ColumnState, 'cells'> {
  cells: string | CellState[];
}

export type StoredColumn = Stored<ColumnDocument>;

export function encodeCells(cells: readonly CellState[]): string {
  return JSON.stringify(cells);
}

export function decodeColumn(stored: StoredColumn): Stored<ColumnState> {
  const cells = typeof stored.cells === 'string' ? parseCells(stored.cells) : stored.cells;
  return { ...stored, cells };
}

/** A column's fields (or a `$set` of them) as stored: `cells` encoded when present. */
export function encodeColumnFields<F extends Record<string, unknown>>(fields: F): F {
  const cells = fields['cells'];
  if (!Array.isArray(cells)) return fields;
  return { ...fields, cells: encodeCells(cells as CellState[]) };
}

function parseCells(json: string): CellState[] {
  return JSON.parse(json) as CellState[];
}
