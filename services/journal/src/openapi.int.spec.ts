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
  parameters?: { name?: string; $ref?: string; required?: boolean }[];
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

  // Planning's commands (src/planning) answer their own schema; they are checked below.
  const isPlanning = (key: string) => /\/years\/|\/thematic-plan/.test(key);

  it('requires an Idempotency-Key on every command, answered with the recorded version', () => {
    const commands = operations().filter(({ key }) => key.startsWith('post ') && !isPlanning(key));
    expect(commands.length).toBeGreaterThanOrEqual(15);
    for (const { key, operation } of commands) {
      const header = (operation.parameters ?? []).find((p) => p.name === 'Idempotency-Key');
      expect({ key, required: header?.required }).toEqual({ key, required: true });
      expect(operation.responses['201']?.content?.['application/json']?.schema?.$ref).toMatch(
        /^#\/components\/schemas\/(CommandAnswer|SheetAnswer|SheetsAnswer)$/,
      );
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining(['400', '401', '403', '404', '409', '422', '428']),
      );
    }
  });

  it('requires an Idempotency-Key on every planning command; imports answer their report', () => {
    const commands = operations().filter(({ key }) => key.startsWith('post ') && isPlanning(key));
    expect(commands.length).toBeGreaterThanOrEqual(7);
    for (const { key, operation } of commands) {
      const header = (operation.parameters ?? []).find((p) => p.name === 'Idempotency-Key');
      expect({ key, required: header?.required }).toEqual({ key, required: true });
      const answered = key.endsWith('/imports')
        ? operation.responses['200']
        : operation.responses['201']?.content?.['application/json']?.schema?.$ref;
      expect({ key, answered }).toEqual({
        key,
        answered: key.endsWith('/imports')
          ? expect.anything()
          : '#/components/schemas/PlanningAnswer',
      });
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining(['400', '401', '403', '409', '422', '428']),
      );
    }
  });

  it('documents what an id of another school answers: what an unknown id does', () => {
    const responses = (key: string) =>
      operations().find((operation) => operation.key === key)?.operation.responses ?? {};
    const described = (key: string, status: string) =>
      (responses(key)[status] as { description?: string } | undefined)?.description;
    expect(described('get /journals/{journalId}/grid', '404')).toContain('JOURNAL.NOT_FOUND');
    expect(described('post /journals', '409')).toContain('JOURNAL.ALREADY_OPENED');
    expect(described('post /journals', '422')).toContain('JOURNAL.UNKNOWN_TEACHER');
    expect(described('get /summaries/{schoolId}/{year}/{classId}', '404')).toContain(
      'JOURNAL.UNKNOWN_CLASS',
    );
  });

  it('refuses a command without an Idempotency-Key with 428, before it runs', async () => {
    const token = await journal.token([
      // A region-wide grant passes the guard for a school the journal does not know.
      { role: 'head', scope: { kind: 'region', id: 'region-91' } },
    ]);
    const opening = {
      schoolId: 'school-none',
      academicYear: '2026/2027',
      groupId: 'class-none',
      kind: 'lesson',
      subjectId: 'math',
      scale: 'five_point',
    };
    const send = (headers: Record<string, string>) =>
      journal.app.inject({
        method: 'POST',
        url: '/journals',
        headers: { authorization: `Bearer ${token}`, ...headers },
        payload: opening,
      });
    const refused = await send({});
    expect([refused.statusCode, refused.json().code]).toEqual([
      428,
      'HTTP.IDEMPOTENCY_KEY_REQUIRED',
    ]);
    // With a key the command runs, and refuses a school it does not know.
    const ran = await send({ 'idempotency-key': 'opening-of-school-none' });
    expect([ran.statusCode, ran.json().code]).toEqual([412, 'JOURNAL.UNKNOWN_SCHOOL']);
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
