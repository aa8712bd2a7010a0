import { registeredRoutes } from '@ejournal/http';
import {
  countByRule,
  createTestDatabase,
  lintOpenApi,
  operationsOf,
  requireInfra,
  testMongoUrl,
  undocumentedRoutes,
} from '@ejournal/testing';
import { journalTestApp, type JournalTestApp } from './testing/journal-test-app';

interface Operation {
  security?: unknown[];
  parameters?: { name?: string; $ref?: string }[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

describe('journal: the OpenAPI document is a contract', () => {
  let journal: JournalTestApp;
  let document: {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: object };
  };

  beforeAll(async () => {
    const label = 'journal openapi';
    journal = await journalTestApp({
      servers: { ...(await requireInfra()) },
      database: await createTestDatabase(label),
      mongoUrl: testMongoUrl(label).url,
    });
    document = (await journal.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  }, 60_000);
  afterAll(() => journal?.close());

  const operations = () => operationsOf(document);

  it('passes Redocly’s recommended rules with no error', async () => {
    const findings = await lintOpenApi(document);
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    // Accepted: the public document and reference page answer no 4xx; the API has no licence.
    expect(countByRule(findings)).toEqual({ 'info-license': 1, 'operation-4xx-response': 4 });
  }, 30_000);

  it('describes every route Nest registered', () => {
    expect(undocumentedRoutes(registeredRoutes(journal.app), document)).toEqual([]);
  });

  it('takes an Idempotency-Key on every command, answered with the recorded version', () => {
    const commands = operations().filter(({ key }) => key.startsWith('post '));
    expect(commands.length).toBeGreaterThanOrEqual(15);
    for (const { key, operation } of commands) {
      const names = (operation.parameters ?? []).map((parameter) => parameter.name);
      expect({ key, idempotent: names.includes('Idempotency-Key') }).toEqual({
        key,
        idempotent: true,
      });
      expect(operation.responses['201']?.content?.['application/json']?.schema?.$ref).toMatch(
        /^#\/components\/schemas\/(CommandAnswer|SheetAnswer|SheetsAnswer)$/,
      );
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining(['400', '401', '403', '409', '422']),
      );
    }
  });

  it('needs a bearer token everywhere but the health probes and the reference', () => {
    const open = operations()
      .filter(({ operation }) => operation.security?.length === 0)
      .map(({ key }) => key);
    expect(open.sort()).toEqual([
      'get /docs',
      'get /health/live',
      'get /health/ready',
      'get /openapi.json',
    ]);
  });

  it('serves its reference page', async () => {
    const page = await journal.app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('docs/swagger-ui-bundle.js');
  });
});
