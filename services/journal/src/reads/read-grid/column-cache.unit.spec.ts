import type { ColumnState } from '../../read-models/documents/journal-documents';
import type { JournalHeader } from '../journal-header/journal-header';
import { ColumnCache } from './column-cache';

const header = (journalId: string, version: number, lessonCount = 2, stale = false) =>
  ({ journalId, version, lessonCount, stale }) as JournalHeader;
const column = (lessonId: string, cells = 30, voided = false) =>
  ({ lessonId, voided, cells: Array.from({ length: cells }, () => ({})) }) as ColumnState;

describe('ColumnCache', () => {
  const columns = [column('a'), column('b'), column('c', 30, true)];

  it("serves the columns read under the header's version, and only under it", () => {
    const cache = new ColumnCache();
    cache.offer(header('j', 7), columns, [3, 7, 5]);
    expect(cache.get(header('j', 7))).toBe(columns);
    expect(cache.get(header('j', 8))).toBeNull();
    expect(cache.get(header('j', 7, 2, true))).toBeNull();
    expect(cache.get(header('k', 7))).toBeNull();
  });

  it('keeps nothing but the exact state of the version', () => {
    const cache = new ColumnCache();
    cache.offer(header('ahead', 7), columns, [3, 8, 5]); // a batch under way
    cache.offer(header('missing', 7, 3), columns, [3, 7, 5]); // a lesson without its column
    cache.offer(header('stale', 7, 2, true), columns, [3, 7, 5]);
    cache.offer(header('rebuilding', 0, 2), columns, [3, 7, 5]);
    for (const journalId of ['ahead', 'missing', 'stale', 'rebuilding']) {
      expect(cache.get(header(journalId, 7))).toBeNull();
    }
  });

  it('lets the least recently read journals go past its size', () => {
    const cache = new ColumnCache(200);
    const two = [column('a', 50), column('b', 50)];
    cache.offer(header('first', 1), two, [1, 1]);
    cache.offer(header('second', 1), two, [1, 1]);
    expect(cache.get(header('first', 1))).toBe(two); // read: now the most recent
    cache.offer(header('third', 1), two, [1, 1]);
    expect(cache.get(header('second', 1))).toBeNull();
    expect(cache.get(header('first', 1))).toBe(two);
    expect(cache.get(header('third', 1))).toBe(two);
  });
});
