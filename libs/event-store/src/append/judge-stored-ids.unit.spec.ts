import { EventIdConflictError } from '../errors';
import { judgeStoredIds, type StoredEventId } from './judge-stored-ids';

const stored = (eventId: string, streamVersion: number, streamId = 'journal-1'): StoredEventId => ({
  eventId,
  streamId,
  streamVersion,
  globalPosition: String(100 + streamVersion),
});

describe('judgeStoredIds', () => {
  it('finds a new append new', () => {
    expect(judgeStoredIds('journal-1', ['a', 'b'], [])).toEqual({ kind: 'none' });
  });

  it('answers a retry of a whole append with its versions and positions', () => {
    const rows = [stored('b', 4), stored('a', 3)];
    expect(judgeStoredIds('journal-1', ['a', 'b'], rows)).toEqual({
      kind: 'duplicate',
      firstVersion: 3,
      lastVersion: 4,
      positions: ['103', '104'],
    });
  });

  it('compares ids without regard to case, as uuid columns do', () => {
    expect(judgeStoredIds('journal-1', ['A'], [stored('a', 1)]).kind).toBe('duplicate');
  });

  it('refuses a partial overlap, naming the stored ids', () => {
    const judged = () => judgeStoredIds('journal-1', ['a', 'new'], [stored('a', 1)]);
    expect(judged).toThrow(EventIdConflictError);
    expect(judged).toThrow(expect.objectContaining({ eventIds: ['a'] }));
  });

  it('refuses ids stored in another stream or in another order', () => {
    expect(() => judgeStoredIds('journal-1', ['a'], [stored('a', 1, 'journal-2')])).toThrow(
      EventIdConflictError,
    );
    expect(() => judgeStoredIds('journal-1', ['a', 'b'], [stored('a', 2), stored('b', 1)])).toThrow(
      EventIdConflictError,
    );
  });
});
