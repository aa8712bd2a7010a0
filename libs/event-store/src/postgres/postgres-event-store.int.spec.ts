import { hashedBytes } from '@ejournal/contracts';
import { createTestDatabase, requireInfra } from '@ejournal/testing';
import { Client } from 'pg';
import { lessons, streamId } from '../contract/test-events';
import { describeEventStoreContract } from '../event-store.contract';
import { migratedTestDatabase, type MigratedTestDatabase } from '../testing/migrated-test-database';

jest.setTimeout(30_000);

describeEventStoreContract('PostgresEventStore', async () => {
  await requireInfra(['DATABASE_URL']);
  const database = await migratedTestDatabase(await createTestDatabase('event store contract'));
  return { store: database.store(), teardown: () => database.drop() };
});

describe('PostgresEventStore (PostgreSQL only)', () => {
  let database: MigratedTestDatabase;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    database = await migratedTestDatabase(await createTestDatabase('event store pg'));
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('keeps the exact canonical bytes that are hashed, and a queryable envelope', async () => {
    const store = database.store();
    const stream = streamId();
    await store.append(stream, 'noStream', lessons(2));
    const read = await store.readStream(stream);

    const client = new Client({ connectionString: database.appUrl });
    await client.connect();
    try {
      const rows = await client.query(
        `SELECT canonical, category, type, school_id, region_id, metadata
         FROM event_store.events WHERE stream_id = $1 ORDER BY stream_version`,
        [stream],
      );
      rows.rows.forEach((row, index) => {
        expect(row.canonical.equals(hashedBytes(read[index]!))).toBe(true);
        expect(row).toMatchObject({ category: 'journal', type: 'LessonHeld' });
        expect(row).toMatchObject({ school_id: 'school-17', region_id: 'region-91' });
        expect(row.metadata).toEqual({ traceparent: read[index]!.traceparent });
      });
    } finally {
      await client.end();
    }
  });
});
