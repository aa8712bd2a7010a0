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
  parameters?: { name?: string; in?: string; required?: boolean }[];
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

  it('requires an Idempotency-Key on every command that writes, and documents its refusals', () => {
    const notCommands = [
      'post /auth/activate',
      'post /auth/refresh',
      'post /auth/reset-password',
      'post /auth/sign-in',
      'post /auth/sign-out',
      'post /auth/token',
      'post /people/batch',
    ];
    const writes = operations().filter(
      ({ key }) => /^(post|put|patch|delete) /.test(key) && !notCommands.includes(key),
    );
    expect(writes.length).toBeGreaterThanOrEqual(25);
    for (const { key, operation } of writes) {
      const header = (operation.parameters ?? []).find((p) => p.name === 'Idempotency-Key');
      expect({ key, in: header?.in, required: header?.required }).toEqual({
        key,
        in: 'header',
        required: true,
      });
      expect({ key, statuses: Object.keys(operation.responses) }).toEqual({
        key,
        statuses: expect.arrayContaining(['400', '422', '428']),
      });
      expect(operation.responses['428']?.description).toContain('HTTP.IDEMPOTENCY_KEY_REQUIRED');
      expect(operation.responses['422']?.description).toContain('IDENTITY.IDEMPOTENCY_KEY_REUSED');
    }
    const others = operations().filter(({ key }) => !writes.some((write) => write.key === key));
    for (const { key, operation } of others)
      expect({ key, headers: (operation.parameters ?? []).map((p) => p.name) }).toEqual({
        key,
        headers: expect.not.arrayContaining(['Idempotency-Key', 'If-Match']),
      });
  });

  it('documents the 404 an id of another school answers, as an unknown id does', () => {
    const answered = (key: string) =>
      operations().find((operation) => operation.key === key)?.operation.responses['404']
        ?.description;
    expect(answered('get /schools/{schoolId}/calendar')).toContain('IDENTITY.UNKNOWN_SCHOOL');
    expect(answered('post /pupils/{pupilId}/release')).toContain('IDENTITY.UNKNOWN_PERSON');
    expect(answered('post /groups/{groupId}/members')).toContain('IDENTITY.UNKNOWN_GROUP');
  });

  it('describes a defaulted field as optional in a request body', () => {
    const schemas = document.components.schemas as Record<string, { required?: string[] }>;
    const link = schemas['LinkGuardianRequest'];
    expect(link?.required).toEqual(['guardianId', 'relation', 'validFrom', 'validUntil']);
  });
});
