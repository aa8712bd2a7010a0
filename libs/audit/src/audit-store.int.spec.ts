import { journalRegistry, newEventId, type NewEvent } from '@ejournal/contracts';
import { migrateEventStore, PostgresEventStore } from '@ejournal/event-store';
import { createTestDatabase, requireInfra, type TestDatabase } from '@ejournal/testing';
import { Pool } from 'pg';
import { AUDIT_MIGRATIONS } from './audit.module';
import { AuditorReadLog } from './auditor-read-log';
import { streamHistory } from './stream-history';

jest.setTimeout(30_000);

const event = (type: string, data: object): NewEvent => ({
  eventId: newEventId(),
  type,
  schemaVersion: 1,
  occurredAt: '2026-10-12T09:45:00.000Z',
  tenant: { regionId: 'region-91', schoolId: 'school-17' },
  actor: { userId: 'deputy-1', role: 'deputy_head', onBehalfOf: null },
  correlationId: 'corr-1',
  causationId: null,
  traceparent: null,
  data,
});

describe('the audit store: stream histories and the auditor read log', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    database = await createTestDatabase('audit store');
    const { roles } = await migrateEventStore(database.url);
    await migrateEventStore(database.url, { roles, migrationsDir: AUDIT_MIGRATIONS });
    const appUrl = new URL(database.url);
    appUrl.username = roles.app;
    appUrl.password = '';
    pool = new Pool({ connectionString: appUrl.toString(), max: 2 });
    const store = new PostgresEventStore({ pool, schemas: journalRegistry });
    await store.append('journal-j1', 'noStream', [
      event('PeriodClosed', { period: 1 }),
      event('PeriodReopened', {
        period: 1,
        reason: 'Ошибка в оценке',
        authorisedBy: 'head-1',
        orderRef: '45-о',
      }),
    ]);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('reads a stream as recorded, each change with who, why, under whose authority', async () => {
    const history = await streamHistory(pool, 'journal-j1', null);
    expect(history?.events.map((e) => [e.streamVersion, e.type, e.actor?.userId])).toEqual([
      [1, 'PeriodClosed', 'deputy-1'],
      [2, 'PeriodReopened', 'deputy-1'],
    ]);
    expect(history?.events[1]?.change).toEqual({
      reason: 'Ошибка в оценке',
      authorisedBy: 'head-1',
      orderRef: '45-о',
      policyVersion: null,
    });
    expect(history?.events[1]?.prevHash).toBe(history?.events[0]?.hash);
    // Before its first event the stream did not exist: answered as unknown (404 at the edge).
    expect(await streamHistory(pool, 'journal-j1', new Date('2000-01-01T00:00:00Z'))).toBeNull();
    expect(await streamHistory(pool, 'journal-none', null)).toBeNull();
  });

  it('keeps every auditor read, in order, and lets nobody change one', async () => {
    const log = new AuditorReadLog(pool);
    const read = {
      subject: 'auditor-7',
      role: 'auditor',
      grantScope: { kind: 'region' as const, id: 'region-91' },
      method: 'GET',
      route: '/audit/streams/:streamId/history',
      correlationId: null,
    };
    await log.record({ ...read, url: '/audit/streams/journal-j1/history' });
    await log.record({ ...read, url: '/audit/keys', route: '/audit/keys' });
    const reads = await log.list('0', 10);
    expect(reads.map((r) => [r.subject, r.url])).toEqual([
      ['auditor-7', '/audit/streams/journal-j1/history'],
      ['auditor-7', '/audit/keys'],
    ]);
    expect(await log.list(reads[0]?.readId as string, 10)).toHaveLength(1);
    await expect(pool.query('UPDATE audit.auditor_reads SET url = $1', ['/'])).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      pool.query(`INSERT INTO audit.auditor_reads (read_at, subject, role, grant_scope, method,
        route, url) VALUES (now() - interval '1 day', 'x', 'auditor', '{}', 'GET', '/', '/')`),
    ).rejects.toThrow(/permission denied/);
  });
});
