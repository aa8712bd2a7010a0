import type { Grid, GridCell, GridLesson } from '../../api/journal';
import { ATTENDANCE_LABELS, markLabel } from '../labels';

/** An entry shown in its cell before the journal has answered it. */
export interface PendingView {
  key: string;
  label: string;
  state: 'sending' | 'waiting';
}

export interface CellView {
  cell: GridCell | null;
  pending: PendingView[];
  /** The last refusal of an entry in this cell, until the next change. */
  refused: boolean;
}

export interface RowView {
  pupilId: string;
  name: string;
  cells: CellView[];
  average: number | null;
}

let collator: Intl.Collator | null = null;

/**
 * Russian alphabetical order, made on first use: the first `Intl.Collator` of a page loads the
 * locale's data (14–135 ms measured in a fresh page under load), so the screens that show a grid
 * call this while its read is on the network, not once it has arrived.
 */
export const russianOrder = () => (collator ??= new Intl.Collator('ru-RU'));

/** The rows of a grid (sorted by name) with what still waits in the outbox laid over them. */
export function rowsOf(grid: Grid, names: Map<string, string>, period: number | null): RowView[] {
  const rows = grid.pupils.map((pupil) => ({
    pupilId: pupil.pupilId,
    name: names.get(pupil.pupilId) ?? pupil.pupilId,
    cells: pupil.cells.map((cell) => ({ cell, pending: [], refused: false })),
    average:
      pupil.averages.find((each) => each.period === period)?.value ??
      (period === null ? (pupil.averages[0]?.value ?? null) : null),
  }));
  const order = russianOrder();
  return rows.sort((a, b) => order.compare(a.name, b.name));
}

/** The text of a cell: attendance, then its marks (revoked ones are left to the history). */
export function cellText(view: CellView): string {
  const parts: string[] = [];
  const cell = view.cell;
  if (cell?.attendance) parts.push(ATTENDANCE_LABELS[cell.attendance] ?? cell.attendance);
  for (const mark of cell?.marks ?? []) if (!mark.revoked) parts.push(markLabel(mark.value));
  return parts.join(' ');
}

/** The row with one cell replaced; every other row and cell keeps its identity. */
export function withCell(
  row: RowView,
  column: number,
  change: (cell: CellView) => CellView,
): RowView {
  const current = row.cells[column];
  if (!current) return row;
  const cells = row.cells.slice();
  cells[column] = change(current);
  return { ...row, cells };
}

export const lessonTitle = (lesson: GridLesson) =>
  `${lesson.date.slice(8, 10)}.${lesson.date.slice(5, 7)}, урок ${lesson.slot}`;

/**
 * The row's average as the teacher types, before the grid is read again: weighted over the
 * five-point marks shown, to two decimals (the journal's own figure replaces it on reload).
 */
export function localAverage(row: RowView): number | null {
  let sum = 0;
  let weights = 0;
  for (const view of row.cells)
    for (const mark of view.cell?.marks ?? [])
      if (!mark.revoked && /^[1-5]$/.test(mark.value)) {
        sum += Number(mark.value) * mark.weight;
        weights += mark.weight;
      }
  return weights === 0 ? null : Math.round((sum / weights) * 100) / 100;
}
