import { InvalidEventStoreArgumentError } from '../errors';
import { START } from '../event-store.port';
import { readGlobalQuery, readStreamQuery } from './read-queries';

describe('read queries', () => {
  it('reads a stream forwards from version 1 and backwards from its end by default', () => {
    expect(readStreamQuery('journal-1').values).toEqual(['journal-1', 1, null, null]);
    const backwards = readStreamQuery('journal-1', { direction: 'backwards', limit: 5 });
    expect(backwards.text).toMatch(/stream_version <= \$2[\s\S]*ORDER BY stream_version DESC/);
    expect(backwards.values).toEqual(['journal-1', 2_147_483_647, 5, null]);
  });

  it('skips the rows of disposed streams, whose payload is gone', () => {
    expect(readStreamQuery('journal-1').text).toContain('AND canonical IS NOT NULL');
  });

  it('passes the as-of instant to the recorded_at filter', () => {
    const asOf = new Date('2027-01-01T00:00:00.000Z');
    expect(readStreamQuery('journal-1', { asOf }).values?.[3]).toBe(asOf);
  });

  it('reads the global order below the horizon, after the checkpoint pair', () => {
    const query = readGlobalQuery({ txId: '900', position: '42' }, 10, 'journal');
    expect(query.text).toContain('transaction_id < pg_snapshot_xmin(pg_current_snapshot())');
    expect(query.text).toContain('(transaction_id, global_position) > ($1::xid8, $2::bigint)');
    expect(query.text).toMatch(/ORDER BY transaction_id, global_position/);
    expect(query.values).toEqual(['900', '42', 10, 'journal']);
    expect(query.text).toContain('canonical IS NOT NULL');
    expect(readGlobalQuery(START).values).toEqual(['0', '0', 500]);
  });

  it('refuses malformed checkpoints and limits', () => {
    expect(() => readGlobalQuery({ txId: '1; DROP', position: '0' })).toThrow(
      InvalidEventStoreArgumentError,
    );
    expect(() => readGlobalQuery(START, 0)).toThrow(InvalidEventStoreArgumentError);
    expect(() => readStreamQuery('journal-1', { limit: -1 })).toThrow(
      InvalidEventStoreArgumentError,
    );
  });
});
