import { Component } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { GridLesson } from '../../api/journal';
import { averageText, shortDate } from '../labels';
import {
  AVERAGE_WIDTH,
  CELL_WIDTH,
  columnsWindow,
  PUPIL_WIDTH,
  type ColumnsWindow,
} from './columns-window';
import { cellText, type RowView } from './grid-view';

interface RowProps {
  row: RowView;
  /** The active column when this row holds the active cell, else -1. */
  activeColumn: number;
  columns: ColumnsWindow;
  total: number;
}

/** Fills the width of the columns not rendered, so the scroll bar stays true. */
const spacer = (columns: number, header = false) => {
  if (columns <= 0) return null;
  const style = { width: `${columns * CELL_WIDTH}px` };
  return header ? (
    <th class="spacer" style={style} aria-hidden="true" />
  ) : (
    <td class="spacer" style={style} aria-hidden="true" />
  );
};

/** One pupil's row; it renders again only when its data, window or active cell changed. */
class Row extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps) {
    const now = this.props;
    return (
      next.row !== now.row ||
      next.activeColumn !== now.activeColumn ||
      next.columns.first !== now.columns.first ||
      next.columns.end !== now.columns.end
    );
  }

  override render({ row, activeColumn, columns, total }: RowProps) {
    const cells = [];
    for (let column = columns.first; column < columns.end; column += 1) {
      const view = row.cells[column];
      if (!view) continue;
      const active = column === activeColumn;
      // Few attributes per cell: a year's grid renders thousands of them.
      const state = view.refused
        ? 'refused'
        : view.pending.some((p) => p.state === 'waiting')
          ? 'waiting'
          : view.pending.length > 0
            ? 'pending'
            : undefined;
      cells.push(
        <td
          class={state}
          data-column={column}
          aria-colindex={column + 2}
          tabIndex={active ? 0 : undefined}
          aria-selected={active ? true : undefined}
        >
          {cellText(view)}
          {view.pending.map((p) => (
            <span class="draft" key={p.key}>
              {p.label}
            </span>
          ))}
        </td>,
      );
    }
    return (
      <tr>
        <th scope="row" class="pupil" aria-colindex={1}>
          {row.name}
        </th>
        {spacer(columns.first)}
        {cells}
        {spacer(total - columns.end)}
        <td class="average" aria-colindex={total + 2}>
          {averageText(row.average)}
        </td>
      </tr>
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

/**
 * The journal grid as an ARIA grid: one cell in the tab order (roving tabindex), arrows move,
 * the keys of `keys.ts` write. Only the columns in view (and a margin) are rendered, with
 * `aria-colindex` on each cell; rows are class components that skip unchanged rows, so an
 * entry re-renders one row.
 */
export function GridTable(props: GridTableProps) {
  const box = useRef<HTMLDivElement>(null);
  const table = useRef<HTMLTableElement>(null);
  const total = props.lessons.length;
  const [view, setView] = useState({ scrollLeft: 0, width: 1280 });
  const columns = columnsWindow(view.scrollLeft, view.width, total, props.active.column);
  const measure = () => {
    const element = box.current;
    if (!element) return;
    setView((current) =>
      current.scrollLeft === element.scrollLeft && current.width === element.clientWidth
        ? current
        : { scrollLeft: element.scrollLeft, width: element.clientWidth },
    );
  };
  useLayoutEffect(measure, []);
  // Browsers send at most one scroll event a frame: the window follows each at once.
  const onScroll = measure;
  // Right after the render, before the next key is handled: the cell that lost its tabindex
  // lost the focus with it, and a key pressed in between would go to the page.
  useLayoutEffect(() => {
    if (!props.focusActive) return;
    const cell = table.current?.tBodies[0]?.rows[props.active.row]?.querySelector<HTMLElement>(
      `td[data-column="${props.active.column}"]`,
    );
    if (cell && document.activeElement !== cell) cell.focus();
  }, [props.active.row, props.active.column, props.focusActive]);
  const onClick = (event: MouseEvent) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('td[data-column]');
    const row = cell?.parentElement as HTMLTableRowElement | undefined;
    if (!cell || !row) return;
    props.onActivate({ row: row.sectionRowIndex, column: Number(cell.dataset['column']) });
  };
  const headers = props.lessons.slice(columns.first, columns.end);
  return (
    <div class="grid-scroll" ref={box} onScroll={onScroll}>
      <table
        ref={table}
        role="grid"
        class="grid"
        // Fixed layout: the browser sizes the cells from the header instead of measuring each.
        style={{ width: `${PUPIL_WIDTH + CELL_WIDTH * total + AVERAGE_WIDTH}px` }}
        aria-rowcount={props.rows.length + 1}
        aria-colcount={total + 2}
        onKeyDown={props.onKey}
        onClick={onClick}
      >
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="pupil" aria-colindex={1}>
              Ученик
            </th>
            {spacer(columns.first, true)}
            {headers.map((lesson, index) => {
              const column = columns.first + index;
              return (
                <th
                  scope="col"
                  class={column === props.active.column ? 'lesson current' : 'lesson'}
                  aria-colindex={column + 2}
                  title={lesson.topic}
                >
                  {shortDate(lesson.date)}
                  <small>{lesson.slot}</small>
                </th>
              );
            })}
            {spacer(total - columns.end, true)}
            <th scope="col" class="average" aria-colindex={total + 2}>
              Средний
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, index) => (
            <Row
              key={row.pupilId}
              row={row}
              columns={columns}
              total={total}
              activeColumn={index === props.active.row ? props.active.column : -1}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
