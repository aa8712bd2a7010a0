import { createTestDatabase } from '@ejournal/testing';
import { identityTestApp, type TestApp } from './testing/identity-test-app';

describe('identity service', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await identityTestApp(await createTestDatabase('identity app'));
  }, 60_000);
  afterAll(() => test?.close());

  it('is live, and ready only because its real dependencies answer', async () => {
    expect((await test.call('GET', '/health/live')).status).toBe(200);
    const ready = await test.call('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(Object.keys(ready.body.info).sort()).toEqual(['kafka', 'postgres']);
  });

  it('publishes its signing keys without authentication', async () => {
    const jwks = await test.call('GET', '/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys).toEqual([
      expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' }),
    ]);
    expect(JSON.stringify(jwks.body)).not.toMatch(/"d":/);
  });

  it('refuses every other route without a token, as a problem with a stable code', async () => {
    const response = await test.call('GET', '/schools/school-17/calendar');
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      code: 'AUTH.TOKEN_MISSING',
      type: 'urn:ejournal:problem:AUTH.TOKEN_MISSING',
    });
  });

  it('serves its OpenAPI document, documenting problem details codes', async () => {
    const document = await test.call('GET', '/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.openapi).toBe('3.1.0');
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/auth/sign-in',
        '/.well-known/jwks.json',
        '/schools/{schoolId}/roster-imports',
        '/people/batch',
        '/classes/{classId}/roster',
      ]),
    );
    expect(
      document.body.paths['/auth/sign-in'].post.requestBody.content['application/json'].schema,
    ).toEqual({ $ref: '#/components/schemas/SignInRequest' });
    expect(document.body.components.schemas.SignInRequest).toMatchObject({
      required: ['login', 'password'],
    });
  });
});
