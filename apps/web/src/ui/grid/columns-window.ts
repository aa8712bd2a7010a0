/** The lesson columns rendered: those in view, a margin on each side, and the active one. */
export interface ColumnsWindow {
  first: number;
  /** One past the last rendered column. */
  end: number;
}

export const PUPIL_WIDTH = 200;
export const CELL_WIDTH = 48;
export const AVERAGE_WIDTH = 80;
const MARGIN = 4;
/** The window moves in steps of this many columns: a short scroll re-renders no row. */
const CHUNK = 8;

/**
 * Columns in view of a container scrolled `scrollLeft` and `width` wide (the sticky name
 * column covers the first PUPIL_WIDTH pixels), widened by a margin so a short scroll or an
 * arrow key finds its column rendered, rounded out to whole chunks (so the window changes, and
 * every row renders again, only every CHUNK columns of scrolling, and a first guess of the width
 * a few pixels off gives the same window), and stretched to include the active column.
 */
export function columnsWindow(
  scrollLeft: number,
  width: number,
  columns: number,
  active: number,
): ColumnsWindow {
  const firstInView = Math.floor(scrollLeft / CELL_WIDTH);
  const endInView = Math.ceil((scrollLeft + Math.max(0, width - PUPIL_WIDTH)) / CELL_WIDTH);
  let first = Math.floor(Math.max(0, firstInView - MARGIN) / CHUNK) * CHUNK;
  let end = Math.min(columns, Math.ceil((endInView + MARGIN) / CHUNK) * CHUNK);
  if (active >= 0 && active < columns) {
    first = Math.min(first, active);
    end = Math.max(end, active + 1);
  }
  return { first, end };
}
