import { intentOf, moved } from './keys';

describe('grid keys', () => {
  it('reads digits as marks on a five-point journal and not on a pass/fail one', () => {
    expect(intentOf({ key: '4' }, 'five_point')).toEqual({ kind: 'mark', value: '4' });
    expect(intentOf({ key: '6' }, 'five_point')).toBeNull();
    expect(intentOf({ key: '4' }, 'pass_fail')).toBeNull();
    expect(intentOf({ key: '+' }, 'pass_fail')).toEqual({ kind: 'mark', value: 'pass' });
  });

  it('reads Н and Б in either case, and the same physical keys on the Latin layout', () => {
    expect(intentOf({ key: 'Н' }, 'five_point')).toEqual({ kind: 'attendance', status: 'absent' });
    expect(intentOf({ key: 'б' }, 'five_point')).toEqual({ kind: 'attendance', status: 'sick' });
    expect(intentOf({ key: 'y', code: 'KeyY' }, 'five_point')).toEqual({
      kind: 'attendance',
      status: 'absent',
    });
  });

  it('takes Ctrl+Z as undo on either layout and leaves other shortcuts to the browser', () => {
    expect(intentOf({ key: 'z', ctrlKey: true }, 'five_point')).toEqual({ kind: 'undo' });
    expect(intentOf({ key: 'я', code: 'KeyZ', ctrlKey: true }, 'five_point')).toEqual({
      kind: 'undo',
    });
    expect(intentOf({ key: 'c', ctrlKey: true }, 'five_point')).toBeNull();
  });

  it('keeps moves inside the grid', () => {
    const size = { rows: 3, columns: 4 };
    const down = intentOf({ key: 'ArrowDown' }, 'five_point');
    const left = intentOf({ key: 'ArrowLeft' }, 'five_point');
    if (!down || !left) throw new Error('arrows must move');
    expect(moved({ row: 2, column: 0 }, down, size)).toEqual({ row: 2, column: 0 });
    expect(moved({ row: 0, column: 0 }, left, size)).toEqual({ row: 0, column: 0 });
    expect(moved({ row: 1, column: 1 }, down, size)).toEqual({ row: 2, column: 1 });
    expect(moved({ row: 1, column: 1 }, { kind: 'edge', to: 'last' }, size)).toEqual({
      row: 1,
      column: 3,
    });
  });
});
