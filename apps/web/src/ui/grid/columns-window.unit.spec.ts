import { CELL_WIDTH, columnsWindow } from './columns-window';

describe('the rendered columns of a wide grid', () => {
  it('renders the columns in view and a margin in whole chunks, never past the grid', () => {
    expect(columnsWindow(0, 1280, 170, 0)).toEqual({ first: 0, end: 32 });
    expect(columnsWindow(100 * CELL_WIDTH, 1280, 170, 100)).toEqual({ first: 96, end: 128 });
    expect(columnsWindow(160 * CELL_WIDTH, 1280, 170, 169)).toEqual({ first: 152, end: 170 });
    expect(columnsWindow(0, 1280, 5, 0)).toEqual({ first: 0, end: 5 });
  });

  it('keeps the window for a width a few pixels off and for a short scroll', () => {
    expect(columnsWindow(0, 1231, 170, 0)).toEqual(columnsWindow(0, 1280, 170, 0));
    expect(columnsWindow(2 * CELL_WIDTH, 1280, 170, 0)).toEqual(columnsWindow(0, 1280, 170, 0));
  });

  it('always renders the active column, even out of view', () => {
    expect(columnsWindow(0, 1280, 170, 169)).toEqual({ first: 0, end: 170 });
    expect(columnsWindow(150 * CELL_WIDTH, 1280, 170, 3)).toEqual({ first: 3, end: 170 });
  });
});
