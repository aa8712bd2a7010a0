import { randomUUID } from 'node:crypto';
import { createTestDatabase, requireInfra, testMongoUrl } from '@ejournal/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { journalTestApp, type JournalTestApp } from '../../testing/journal-test-app';

const REGION = 'region-91';

const testStores = async (label: string) => ({
  servers: { ...(await requireInfra()) },
  database: await createTestDatabase(label),
  mongoUrl: testMongoUrl(label).url,
});

describe('journal: dates and instants are checked at the edge', () => {
  let journal: JournalTestApp;
  let app: NestFastifyApplication;
  let token: string;

  beforeAll(async () => {
    journal = await journalTestApp(await testStores('journal edge dates'));
    app = journal.app;
    // Region-wide grants pass the guard for a journal nobody opened, so the edge answers first.
    token = await journal.token(
      (['regional_operator', 'head'] as const).map((role) => ({
        role,
        scope: { kind: 'region', id: REGION },
      })),
    );
  }, 60_000);
  afterAll(() => journal?.close());

  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      // Every command carries a key; without one it is refused (428) before validation.
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
      payload,
    });

  it.each([
    ['an offset of 17:24', '2026-01-01T10:00:00+17:24'],
    ['an offset of 16:00', '2026-01-01T10:00:00+16:00'],
    ['30 February', '2026-02-30T10:00:00Z'],
    ['no zone', '2026-01-01T10:00:00'],
  ])('refuses `at` of the as-of grid with %s: 400 JOURNAL.INVALID_REQUEST', async (_, at) => {
    const response = await call('GET', `/journals/j-1/grid/as-of?${new URLSearchParams({ at })}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      type: 'urn:ejournal:problem:JOURNAL.INVALID_REQUEST',
      code: 'JOURNAL.INVALID_REQUEST',
      errors: [{ in: 'query', pointer: '/at' }],
    });
  });

  it('lets a valid `at` through the edge (then the unknown journal is not found)', async () => {
    const at = '2026-01-01T10:00:00.5+15:59';
    const response = await call('GET', `/journals/j-1/grid/as-of?${new URLSearchParams({ at })}`);
    expect(response.json()).toMatchObject({ status: 404, code: 'JOURNAL.NOT_FOUND' });
  });

  it('refuses an impossible date in a body taken from the event contracts', async () => {
    const response = await call('POST', '/journals/j-1/substitutes', {
      teacherId: 'teacher-2',
      date: '2026-02-29',
      slot: 3,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'JOURNAL.INVALID_REQUEST',
      errors: [{ in: 'body', pointer: '/date' }],
    });
  });

  it('documents `at` with the pattern it enforces', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const parameters: { name: string; schema: { format: string; pattern: string } }[] =
      document.paths['/journals/{journalId}/grid/as-of'].get.parameters;
    const at = parameters.find((parameter) => parameter.name === 'at');
    if (!at) throw new Error('the as-of route documents no `at` parameter');
    expect(at.schema.format).toBe('date-time');
    expect(new RegExp(at.schema.pattern).test('2026-01-01T10:00:00+15:59')).toBe(true);
    expect(new RegExp(at.schema.pattern).test('2026-01-01T10:00:00+17:24')).toBe(false);
  });
});
