/** A window of rendered lines (lesson columns or pupil rows): `first` up to `end` (excluded). */
export interface GridWindow {
  first: number;
  /** One past the last rendered line. */
  end: number;
}

export const PUPIL_WIDTH = 200;
export const CELL_WIDTH = 48;
export const AVERAGE_WIDTH = 80;
/** The header row's height; a pupil's row is ROW_HEIGHT high (TALL_ROW_HEIGHT on a tablet). */
export const HEAD_HEIGHT = 44;
export const ROW_HEIGHT = 36;
export const TALL_ROW_HEIGHT = 44;
const MARGIN = 4;
/**
 * Columns are rendered in chunks of this many: the window moves a chunk at a time (a short
 * scroll re-renders no row), and a chunk still in the window is kept as it is.
 */
export const CHUNK = 8;
/** Rows rendered above and below those in view. */
const ROW_MARGIN = 2;

/**
 * Columns in view of a container scrolled `scrollLeft` and `width` wide (the sticky name
 * column covers the first PUPIL_WIDTH pixels), widened by a margin so a short scroll or an
 * arrow key finds its column rendered, and rounded out to whole chunks (so the window changes,
 * and every row renders again, only every CHUNK columns of scrolling, and a first guess of the
 * width a few pixels off gives the same window). The active cell is rendered besides, wherever
 * it is (`withActive`).
 */
export function columnsWindow(scrollLeft: number, width: number, columns: number): GridWindow {
  const firstInView = Math.floor(Math.max(0, scrollLeft) / CELL_WIDTH);
  const endInView = Math.ceil((scrollLeft + Math.max(0, width - PUPIL_WIDTH)) / CELL_WIDTH);
  const first = Math.floor(Math.max(0, firstInView - MARGIN) / CHUNK) * CHUNK;
  const end = Math.min(columns, Math.ceil((endInView + MARGIN) / CHUNK) * CHUNK);
  return { first: Math.min(first, end), end };
}

/**
 * Rows in view of a container scrolled `scrollTop` and `height` high (the sticky header covers
 * the first HEAD_HEIGHT pixels), and ROW_MARGIN rows on each side. Rows are keyed by pupil, so
 * a window moved by one row mounts one row and drops one.
 */
export function rowsWindow(
  scrollTop: number,
  height: number,
  rows: number,
  rowHeight: number,
): GridWindow {
  const firstInView = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const endInView = Math.ceil((scrollTop + Math.max(0, height - HEAD_HEIGHT)) / rowHeight);
  const end = Math.min(rows, endInView + ROW_MARGIN);
  return { first: Math.min(Math.max(0, firstInView - ROW_MARGIN), end), end };
}

/** The chunks of columns to render: those of the window, and the active column's. */
export function chunksOf(window: GridWindow, active: number, columns: number): number[] {
  const chunks: number[] = [];
  for (let first = window.first; first < window.end; first += CHUNK) chunks.push(first / CHUNK);
  const own = Math.floor(active / CHUNK);
  if (active >= 0 && active < columns && !chunks.includes(own))
    chunks.splice(own < (chunks[0] ?? 0) ? 0 : chunks.length, 0, own);
  return chunks;
}

/** The lines of a window in order, and the active line too when it lies outside it. */
export function withActive(window: GridWindow, active: number, count: number): number[] {
  const lines: number[] = [];
  if (active >= 0 && active < window.first && active < count) lines.push(active);
  for (let line = window.first; line < window.end; line += 1) lines.push(line);
  if (active >= window.end && active < count) lines.push(active);
  return lines;
}
