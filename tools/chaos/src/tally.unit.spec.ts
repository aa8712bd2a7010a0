import { tally, total } from './tally';

describe('tally by id', () => {
  it('counts what is missing and what is there more than once, ignoring the unexpected', () => {
    expect(tally(['a', 'b', 'c'], ['a', 'a', 'a', 'c', 'x', 'x'])).toEqual({
      expected: 3,
      found: 2,
      lost: 1,
      doubled: 2,
    });
  });

  it('reports nothing lost or doubled when every id is there once', () => {
    expect(tally(new Set(['a', 'b']), ['b', 'a'])).toEqual({
      expected: 2,
      found: 2,
      lost: 0,
      doubled: 0,
    });
    expect(tally([], ['a'])).toEqual({ expected: 0, found: 0, lost: 0, doubled: 0 });
  });

  it('sums places', () => {
    expect(total([tally(['a'], []), tally(['b'], ['b', 'b'])])).toEqual({ lost: 1, doubled: 1 });
  });
});
