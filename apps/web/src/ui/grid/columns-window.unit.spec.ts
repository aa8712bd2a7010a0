import {
  CELL_WIDTH,
  chunksOf,
  columnsWindow,
  ROW_HEIGHT,
  rowsWindow,
  withActive,
} from './columns-window';

describe('the rendered part of a large grid', () => {
  it('renders the columns in view and a margin in whole chunks, never past the grid', () => {
    expect(columnsWindow(0, 1280, 170)).toEqual({ first: 0, end: 32 });
    expect(columnsWindow(100 * CELL_WIDTH, 1280, 170)).toEqual({ first: 96, end: 128 });
    expect(columnsWindow(160 * CELL_WIDTH, 1280, 170)).toEqual({ first: 152, end: 170 });
    expect(columnsWindow(0, 1280, 5)).toEqual({ first: 0, end: 5 });
  });

  it('keeps the columns for a width a few pixels off and for a short scroll', () => {
    expect(columnsWindow(0, 1231, 170)).toEqual(columnsWindow(0, 1280, 170));
    expect(columnsWindow(2 * CELL_WIDTH, 1280, 170)).toEqual(columnsWindow(0, 1280, 170));
  });

  it('renders the rows in view below the header and two more on each side', () => {
    // 602 px high: 44 px of header, then 15.5 rows of 36 px.
    expect(rowsWindow(0, 602, 30, ROW_HEIGHT)).toEqual({ first: 0, end: 18 });
    expect(rowsWindow(10 * ROW_HEIGHT + 5, 602, 30, ROW_HEIGHT)).toEqual({ first: 8, end: 28 });
    expect(rowsWindow(0, 602, 3, ROW_HEIGHT)).toEqual({ first: 0, end: 3 });
    expect(rowsWindow(0, 602, 0, ROW_HEIGHT)).toEqual({ first: 0, end: 0 });
  });

  it('always renders the active line, even out of the window', () => {
    expect(withActive({ first: 8, end: 11 }, 9, 30)).toEqual([8, 9, 10]);
    expect(withActive({ first: 8, end: 11 }, 2, 30)).toEqual([2, 8, 9, 10]);
    expect(withActive({ first: 8, end: 11 }, 29, 30)).toEqual([8, 9, 10, 29]);
    expect(withActive({ first: 0, end: 2 }, 5, 3)).toEqual([0, 1]);
  });
});

describe('the chunks of columns rendered', () => {
  it('are those of the window, and the active column’s wherever it is', () => {
    expect(chunksOf({ first: 16, end: 48 }, 20, 170)).toEqual([2, 3, 4, 5]);
    expect(chunksOf({ first: 16, end: 48 }, 3, 170)).toEqual([0, 2, 3, 4, 5]);
    expect(chunksOf({ first: 16, end: 48 }, 169, 170)).toEqual([2, 3, 4, 5, 21]);
    expect(chunksOf({ first: 152, end: 170 }, 0, 170)).toEqual([0, 19, 20, 21]);
    expect(chunksOf({ first: 0, end: 5 }, 0, 5)).toEqual([0]);
  });
});
