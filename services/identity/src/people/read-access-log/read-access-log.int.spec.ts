import { createTestDatabase } from '@ejournal/testing';
import { operatorToken, seedSchool } from '../../testing/identity-client';
import { identityTestApp, type TestApp } from '../../testing/identity-test-app';

/** `+` must travel as `%2B`: a bare `+` in a query string is a space. */
const accessLog = (query: Record<string, string>) =>
  `/schools/school-17/access-log?${new URLSearchParams(query).toString()}`;

describe('access log: instants are checked at the edge, never by PostgreSQL', () => {
  let test: TestApp;
  let operator: string;

  beforeAll(async () => {
    test = await identityTestApp(await createTestDatabase('identity access log instants'));
    operator = await operatorToken(test);
    await seedSchool(test, operator);
  }, 60_000);
  afterAll(() => test?.close());

  it.each([
    ['an offset of 17:24', { from: '2026-01-01T10:00:00+17:24' }, '/from'],
    ['an offset of 16:00', { to: '2026-01-01T10:00:00-16:00' }, '/to'],
    ['offset minutes of 60', { from: '2026-01-01T10:00:00+03:60' }, '/from'],
    ['30 February', { from: '2026-02-30T10:00:00Z' }, '/from'],
    ['year 0', { to: '0000-01-01T00:00:00Z' }, '/to'],
    ['no zone', { from: '2026-01-01T10:00:00' }, '/from'],
  ])('refuses %s with 400 IDENTITY.INVALID_REQUEST', async (_, query, pointer) => {
    const response = await test.call('GET', accessLog(query), { token: operator });
    expect(response).toMatchObject({
      status: 400,
      headers: { 'content-type': expect.stringContaining('application/problem+json') },
      body: {
        type: 'urn:ejournal:problem:IDENTITY.INVALID_REQUEST',
        status: 400,
        code: 'IDENTITY.INVALID_REQUEST',
        errors: [{ in: 'query', pointer }],
      },
    });
  });

  it('accepts the largest offsets PostgreSQL knows and fractional seconds', async () => {
    const response = await test.call(
      'GET',
      accessLog({ from: '2026-01-01T10:00:00.123456+15:59', to: '2199-12-31T23:59:59-15:59' }),
      { token: operator },
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ schoolId: 'school-17', entries: [] });
  });

  it('documents `from` with the pattern it enforces', async () => {
    const document = await test.call('GET', '/openapi.json');
    const parameters: { name: string; schema: { format: string; pattern: string } }[] =
      document.body.paths['/schools/{schoolId}/access-log'].get.parameters;
    const from = parameters.find((parameter) => parameter.name === 'from')!;
    expect(from.schema.format).toBe('date-time');
    const pattern = new RegExp(from.schema.pattern);
    expect(pattern.test('2026-01-01T10:00:00+15:59')).toBe(true);
    expect(pattern.test('2026-01-01T10:00:00+17:24')).toBe(false);
  });

  it('refuses an impossible date in a query and in a body the same way', async () => {
    const query = await test.call('GET', '/schools/school-17/policies/current?on=2026-02-29', {
      token: operator,
    });
    expect(query).toMatchObject({
      status: 400,
      body: { code: 'IDENTITY.INVALID_REQUEST', errors: [{ in: 'query', pointer: '/on' }] },
    });
    const body = await test.call('PUT', '/schools/school-17/calendar', {
      token: operator,
      body: { academicYear: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-02-30' },
    });
    expect(body).toMatchObject({
      status: 400,
      body: {
        code: 'IDENTITY.INVALID_REQUEST',
        errors: expect.arrayContaining([
          { in: 'body', pointer: '/endsOn', detail: expect.any(String) },
        ]),
      },
    });
  });
});
