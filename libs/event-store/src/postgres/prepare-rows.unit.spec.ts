import { hashedBytes } from '@ejournal/contracts';
import { lessonHeld } from '../contract/test-events';
import { prepareRows } from './prepare-rows';

describe('prepareRows', () => {
  const events = [lessonHeld(), lessonHeld()];
  const recordedAt = '2027-05-20T10:00:00.123Z';
  const prepared = prepareRows('journal-42', 7, events, recordedAt);

  it('places the events after the expected version, in the category of the stream', () => {
    expect(prepared).toMatchObject({
      streamId: 'journal-42',
      category: 'journal',
      expectedVersion: 7,
    });
    expect(prepared.rows.map((row) => row.streamVersion)).toEqual([8, 9]);
  });

  it('freezes the bytes of the hashed fields, recordedAt and stream place included', () => {
    const [row] = prepared.rows;
    const recorded = { ...events[0]!, streamId: 'journal-42', streamVersion: 8, recordedAt };
    expect(row!.canonical.equals(hashedBytes(recorded))).toBe(true);
    expect(JSON.parse(row!.canonical.toString('utf8'))).toMatchObject({
      recordedAt,
      streamVersion: 8,
    });
  });

  it('keeps the envelope fields outside the hash as metadata, and nothing the store sets', () => {
    const withStoreFields = { ...events[0]!, globalPosition: '1', hash: 'f'.repeat(64) };
    const [row] = prepareRows('journal-42', 0, [withStoreFields], recordedAt).rows;
    expect(row!.metadata).toEqual({ traceparent: events[0]!.traceparent });
  });

  it('copies the tenant and times into their queryable columns', () => {
    expect(prepared.rows[0]).toMatchObject({
      regionId: 'region-91',
      schoolId: 'school-17',
      occurredAt: events[0]!.occurredAt,
      type: 'LessonHeld',
      schemaVersion: 1,
    });
  });
});
