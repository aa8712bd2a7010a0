import { registeredRoutes } from '@ejournal/http';
import {
  countByRule,
  createTestDatabase,
  lintOpenApi,
  operationsOf,
  undocumentedRoutes,
} from '@ejournal/testing';
import { identityTestApp, type TestApp } from './testing/identity-test-app';

interface Operation {
  security?: unknown[];
  parameters?: { name?: string; in?: string }[];
  responses: Record<string, { description?: string }>;
}

describe('identity: the OpenAPI document is a contract', () => {
  let test: TestApp;
  let document: {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: object };
  };

  beforeAll(async () => {
    test = await identityTestApp(await createTestDatabase('identity openapi'));
    document = (await test.call('GET', '/openapi.json')).body;
  }, 60_000);
  afterAll(() => test?.close());

  const operations = () => operationsOf(document);

  it('passes Redocly’s recommended rules with no error', async () => {
    const findings = await lintOpenApi(document);
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    // Accepted: JWKS, the health probes, the document and its page answer no 4xx; no licence.
    expect(countByRule(findings)).toEqual({ 'info-license': 1, 'operation-4xx-response': 5 });
  }, 30_000);

  it('describes every route Nest registered', () => {
    expect(undocumentedRoutes(registeredRoutes(test.app), document)).toEqual([]);
  });

  it('needs a bearer token everywhere but sign-in, the keys, the probes and the reference', () => {
    const open = operations()
      .filter(({ operation }) => operation.security?.length === 0)
      .map(({ key }) => key);
    expect(open.sort()).toEqual([
      'get /.well-known/jwks.json',
      'get /docs',
      'get /health/live',
      'get /health/ready',
      'get /openapi.json',
      'post /auth/activate',
      'post /auth/refresh',
      'post /auth/reset-password',
      'post /auth/sign-in',
      'post /auth/sign-out',
      'post /auth/token',
    ]);
    for (const { key, operation } of operations().filter(({ key }) => !open.includes(key)))
      expect({ key, unauthorized: operation.responses['401']?.description }).toEqual({
        key,
        unauthorized: expect.stringContaining('`AUTH.TOKEN_MISSING`'),
      });
  });

  it('documents no header identity does not honour (Idempotency-Key, If-Match)', () => {
    const headers = operations().flatMap(({ operation }) =>
      (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name),
    );
    expect(headers).not.toContain('Idempotency-Key');
    expect(headers).not.toContain('If-Match');
  });

  it('describes a defaulted field as optional in a request body', () => {
    const schemas = document.components.schemas as Record<string, { required?: string[] }>;
    const link = schemas['LinkGuardianRequest'];
    expect(link?.required).toEqual(['guardianId', 'relation', 'validFrom', 'validUntil']);
  });
});
