import { Component } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { GridLesson } from '../../api/journal';
import { averageText, shortDate } from '../labels';
import {
  AVERAGE_WIDTH,
  CELL_WIDTH,
  CHUNK,
  chunksOf,
  columnsWindow,
  HEAD_HEIGHT,
  PUPIL_WIDTH,
  ROW_HEIGHT,
  rowsWindow,
  TALL_ROW_HEIGHT,
  withActive,
  type GridWindow,
} from './columns-window';
import { cellText, type CellView, type RowView } from './grid-view';

/** Where a chunk of lesson columns starts in the grid (the name column first). */
const leftOf = (chunk: number) => `left:${PUPIL_WIDTH + chunk * CHUNK * CELL_WIDTH}px`;
const averageLeft = (total: number) => `left:${PUPIL_WIDTH + total * CELL_WIDTH}px`;

/** The columns of a chunk (the last one may be short). */
function columnsOfChunk(chunk: number, total: number): number[] {
  const columns: number[] = [];
  for (let column = chunk * CHUNK; column < Math.min(total, (chunk + 1) * CHUNK); column += 1)
    columns.push(column);
  return columns;
}

interface ChunkProps {
  cells: CellView[];
  chunk: number;
  total: number;
  /** The active column when it is in this chunk of this row, else -1. */
  activeColumn: number;
}

/**
 * CHUNK cells of a row, side by side, placed as one: a window moved sideways adds and drops
 * whole chunks, and a chunk whose cells did not change is not rendered again.
 */
class Chunk extends Component<ChunkProps> {
  override shouldComponentUpdate(next: ChunkProps) {
    const now = this.props;
    if (next.activeColumn !== now.activeColumn || next.chunk !== now.chunk) return true;
    if (next.total !== now.total) return true;
    if (next.cells === now.cells) return false;
    for (const column of columnsOfChunk(next.chunk, next.total))
      if (next.cells[column] !== now.cells[column]) return true;
    return false;
  }

  override render({ cells, chunk, total, activeColumn }: ChunkProps) {
    return (
      <div class="chunk" style={leftOf(chunk)}>
        {columnsOfChunk(chunk, total).map((column) => {
          const view = cells[column];
          const active = column === activeColumn;
          // Few attributes per cell: a screen of the grid holds hundreds of them.
          const state = !view
            ? undefined
            : view.refused
              ? 'refused'
              : view.pending.some((p) => p.state === 'waiting')
                ? 'waiting'
                : view.pending.length > 0
                  ? 'pending'
                  : undefined;
          return (
            <div
              role="gridcell"
              class={state}
              aria-colindex={column + 2}
              tabIndex={active ? 0 : undefined}
              aria-selected={active ? true : undefined}
            >
              {view ? cellText(view) : ''}
              {view?.pending.map((p) => (
                <span class="draft" key={p.key}>
                  {p.label}
                </span>
              ))}
            </div>
          );
        })}
      </div>
    );
  }
}

interface RowProps {
  row: RowView;
  index: number;
  rowHeight: number;
  /** The active column when this row holds the active cell, else -1. */
  activeColumn: number;
  chunks: number[];
  total: number;
}

/**
 * One pupil's row, placed at its own height; it renders again only when its data, the chunks
 * of columns in view, its place or the active cell changed.
 */
class Row extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps) {
    const now = this.props;
    return (
      next.row !== now.row ||
      next.index !== now.index ||
      next.rowHeight !== now.rowHeight ||
      next.activeColumn !== now.activeColumn ||
      next.chunks !== now.chunks ||
      next.total !== now.total
    );
  }

  override render({ row, index, rowHeight, activeColumn, chunks, total }: RowProps) {
    const activeChunk = activeColumn < 0 ? -1 : Math.floor(activeColumn / CHUNK);
    return (
      <div
        role="row"
        class="grid-row"
        aria-rowindex={index + 2}
        style={`top:${HEAD_HEIGHT + index * rowHeight}px`}
      >
        <div role="rowheader" class="pupil" aria-colindex={1}>
          {row.name}
        </div>
        {chunks.map((chunk) => (
          <Chunk
            key={chunk}
            cells={row.cells}
            chunk={chunk}
            total={total}
            activeColumn={chunk === activeChunk ? activeColumn : -1}
          />
        ))}
        <div role="gridcell" class="average" aria-colindex={total + 2} style={averageLeft(total)}>
          {averageText(row.average)}
        </div>
      </div>
    );
  }
}

interface HeadProps {
  lessons: GridLesson[];
  chunk: number;
  activeColumn: number;
}

/** The lesson headers of a chunk of columns. */
class HeadChunk extends Component<HeadProps> {
  override shouldComponentUpdate(next: HeadProps) {
    const now = this.props;
    return (
      next.lessons !== now.lessons ||
      next.chunk !== now.chunk ||
      next.activeColumn !== now.activeColumn
    );
  }

  override render({ lessons, chunk, activeColumn }: HeadProps) {
    return (
      <div class="chunk" style={leftOf(chunk)}>
        {columnsOfChunk(chunk, lessons.length).map((column) => {
          const lesson = lessons[column] as GridLesson;
          return (
            <div
              role="columnheader"
              class={column === activeColumn ? 'current' : undefined}
              aria-colindex={column + 2}
              title={lesson.topic}
            >
              {shortDate(lesson.date)}
              <small>{lesson.slot}</small>
            </div>
          );
        })}
      </div>
    );
  }
}

export interface GridTableProps {
  caption: string;
  lessons: GridLesson[];
  rows: RowView[];
  active: { row: number; column: number };
  onActivate: (at: { row: number; column: number }) => void;
  onKey: (event: KeyboardEvent) => void;
  /** Moves the keyboard focus to the active cell when it changes (only once the grid has it). */
  focusActive: boolean;
}

const same = (a: GridWindow, b: GridWindow) => a.first === b.first && a.end === b.end;

/** Larger rows under 1100 px (a tablet's fingers), as the stylesheet's other rules. */
function useTallRows(): boolean {
  const query = '(max-width: 1100px)';
  const [tall, setTall] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const list = matchMedia(query);
    const changed = () => setTall(list.matches);
    list.addEventListener('change', changed);
    return () => list.removeEventListener('change', changed);
  }, []);
  return tall;
}

/**
 * The journal grid as an ARIA grid (`role=grid`, `aria-rowcount/colcount`, and
 * `aria-rowindex/colindex` on what is rendered): one cell in the tab order (roving tabindex),
 * arrows move, the keys of `keys.ts` write. Rows and columns have fixed sizes, so only the
 * rows and columns in view (and a margin) are rendered, each placed where it belongs in a box
 * as large as the whole grid, plus the active cell wherever it is; a scroll renders nothing
 * until it leaves the window. Rows are class components that skip unchanged rows, so an entry
 * re-renders one row. One listener each for keys and clicks, on the grid.
 */
export function GridTable(props: GridTableProps) {
  const box = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const total = props.lessons.length;
  const count = props.rows.length;
  const rowHeight = useTallRows() ? TALL_ROW_HEIGHT : ROW_HEIGHT;
  // Until measured, the box as the stylesheet sizes it (the page's width, 70% of its height).
  const [view, setView] = useState(() => ({
    left: 0,
    top: 0,
    width: innerWidth,
    height: Math.round(innerHeight * 0.7),
  }));
  const windows = useRef<{ columns: GridWindow; rows: GridWindow } | null>(null);
  const columns = columnsWindow(view.left, view.width, total);
  const rows = rowsWindow(view.top, view.height, count, rowHeight);
  windows.current = { columns, rows };
  // The chunks keep their identity while unchanged: rows compare them by reference.
  const chunkList = chunksOf(columns, props.active.column, total);
  const kept = useRef(chunkList);
  if (
    kept.current.length !== chunkList.length ||
    kept.current.some((chunk, i) => chunk !== chunkList[i])
  )
    kept.current = chunkList;
  const chunks = kept.current;

  // Browsers send at most one scroll event a frame; the grid renders again only when the
  // windows of rows or columns change.
  const measure = () => {
    const element = box.current;
    const current = windows.current;
    if (!element || !current) return;
    const next = {
      left: element.scrollLeft,
      top: element.scrollTop,
      width: element.clientWidth,
      height: element.clientHeight,
    };
    if (
      same(current.columns, columnsWindow(next.left, next.width, total)) &&
      same(current.rows, rowsWindow(next.top, next.height, count, rowHeight))
    )
      return;
    setView(next);
  };
  const measureRef = useRef(measure);
  measureRef.current = measure;
  useLayoutEffect(() => {
    measureRef.current();
    const element = box.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => measureRef.current());
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Right after the render, before the next key is handled: the cell that lost its tabindex
  // lost the focus with it, and a key pressed in between would go to the page. Focusing
  // scrolls the cell into view (clear of the sticky header and names: `scroll-padding`).
  useLayoutEffect(() => {
    if (!props.focusActive) return;
    const cell = grid.current?.querySelector<HTMLElement>(
      `[aria-rowindex="${props.active.row + 2}"] [aria-colindex="${props.active.column + 2}"]`,
    );
    if (cell && document.activeElement !== cell) cell.focus();
  }, [props.active.row, props.active.column, props.focusActive]);
  const onClick = (event: MouseEvent) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[role="gridcell"]');
    const row = cell?.closest<HTMLElement>('[role="row"]');
    const column = Number(cell?.getAttribute('aria-colindex')) - 2;
    if (!cell || !row || !(column >= 0 && column < total)) return;
    props.onActivate({ row: Number(row.getAttribute('aria-rowindex')) - 2, column });
  };
  const width = PUPIL_WIDTH + CELL_WIDTH * total + AVERAGE_WIDTH;
  const height = HEAD_HEIGHT + rowHeight * count;
  return (
    <div class="grid-scroll" ref={box} onScroll={measure}>
      <div
        ref={grid}
        role="grid"
        class="grid"
        aria-label={props.caption}
        aria-rowcount={count + 1}
        aria-colcount={total + 2}
        style={`width:${width}px;height:${height}px;--row-height:${rowHeight}px`}
        onKeyDown={props.onKey}
        onClick={onClick}
      >
        <div role="row" class="grid-head" aria-rowindex={1}>
          <div role="columnheader" class="pupil" aria-colindex={1}>
            Ученик
          </div>
          {chunks.map((chunk) => (
            <HeadChunk
              key={chunk}
              lessons={props.lessons}
              chunk={chunk}
              activeColumn={
                chunk === Math.floor(props.active.column / CHUNK) ? props.active.column : -1
              }
            />
          ))}
          <div
            role="columnheader"
            class="average"
            aria-colindex={total + 2}
            style={averageLeft(total)}
          >
            Средний
          </div>
        </div>
        {withActive(rows, props.active.row, count).map((index) => {
          const row = props.rows[index] as RowView;
          return (
            <Row
              key={row.pupilId}
              row={row}
              index={index}
              rowHeight={rowHeight}
              chunks={chunks}
              total={total}
              activeColumn={index === props.active.row ? props.active.column : -1}
            />
          );
        })}
      </div>
    </div>
  );
}
