import { createTestDatabase, requireInfra } from '@ejournal/testing';
import { lessonHeld, streamId } from '../contract/test-events';
import { migratedTestDatabase, type MigratedTestDatabase } from '../testing/migrated-test-database';

jest.setTimeout(30_000);

describe('as-of reads (PostgreSQL only)', () => {
  let database: MigratedTestDatabase;
  let now = Date.parse('2027-05-20T10:00:00.000Z');
  const at = (iso: string) => {
    now = Date.parse(iso);
  };

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    database = await migratedTestDatabase(await createTestDatabase('event store as of'));
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('reads a stream as it stood at an instant of recordedAt', async () => {
    const store = database.store({ clock: () => new Date(now) });
    const stream = streamId();
    at('2027-05-20T10:00:00.000Z');
    await store.append(stream, 'noStream', [lessonHeld('Mark 4'), lessonHeld('Mark 5')]);
    at('2027-05-21T09:00:00.000Z');
    await store.append(stream, 2, [lessonHeld('Corrected to 3')]);
    at('2027-06-30T12:00:00.000Z');
    await store.append(stream, 3, [lessonHeld('Revoked')]);

    const topics = async (asOf: string, direction?: 'backwards') =>
      (await store.readStream(stream, { asOf: new Date(asOf), direction })).map(
        (event) => (event.data as { topic: string }).topic,
      );
    expect(await topics('2027-05-19T23:59:59.999Z')).toEqual([]);
    expect(await topics('2027-05-20T10:00:00.000Z')).toEqual(['Mark 4', 'Mark 5']);
    expect(await topics('2027-06-01T00:00:00.000Z')).toEqual([
      'Mark 4',
      'Mark 5',
      'Corrected to 3',
    ]);
    expect(await topics('2027-06-01T00:00:00.000Z', 'backwards')).toEqual([
      'Corrected to 3',
      'Mark 5',
      'Mark 4',
    ]);
    expect(await topics('2030-01-01T00:00:00.000Z')).toHaveLength(4);
    const [first] = await store.readStream(stream);
    expect(first!.recordedAt).toBe('2027-05-20T10:00:00.000Z');
  });

  it('never records an event earlier than the one before it, whatever the clock says', async () => {
    const ahead = database.store({ clock: () => new Date('2027-09-01T08:00:00.000Z') });
    const behind = database.store({ clock: () => new Date('2027-09-01T07:59:58.500Z') });
    const stream = streamId();
    await ahead.append(stream, 'noStream', [lessonHeld()]);
    await behind.append(stream, 1, [lessonHeld()]);
    const recordedAt = (await behind.readStream(stream)).map((event) => event.recordedAt);
    // The stream's last instant is reused, so an as-of cut is always a prefix of the stream.
    expect(recordedAt).toEqual(['2027-09-01T08:00:00.000Z', '2027-09-01T08:00:00.000Z']);
  });
});
