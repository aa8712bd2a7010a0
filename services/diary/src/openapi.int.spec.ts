import { INTEGRITY_CHECKPOINTS_TOPIC } from '@ejournal/contracts';
import { Parser } from '@asyncapi/parser';
import { registeredRoutes } from '@ejournal/http';
import {
  countByRule,
  createTestDatabase,
  lintOpenApi,
  operationsOf,
  requireInfra,
  testMongoUrl,
  testTopic,
  undocumentedRoutes,
} from '@ejournal/testing';
import { diaryTestApp, type DiaryTestApp } from './testing/diary-test-app';

describe('diary: the OpenAPI and AsyncAPI documents are contracts', () => {
  let diary: DiaryTestApp;
  let document: { paths: Record<string, Record<string, unknown>> };

  beforeAll(async () => {
    const label = 'diary openapi';
    diary = await diaryTestApp({
      servers: { ...(await requireInfra()) },
      database: await createTestDatabase(label),
      mongoUrl: testMongoUrl(label).url,
      topics: { identity: testTopic('o i'), journal: testTopic('o j'), diary: testTopic('o d') },
      consumers: false,
    });
    document = (await diary.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  }, 60_000);
  afterAll(() => diary?.close(), 30_000);

  it('passes Redocly’s recommended rules with no error', async () => {
    const findings = await lintOpenApi(document);
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    // Accepted: the public documents and reference page answer no 4xx; the API has no licence.
    expect(countByRule(findings)).toEqual({ 'info-license': 1, 'operation-4xx-response': 5 });
  }, 30_000);

  it('describes every route Nest registered; only probes and references are public', () => {
    expect(undocumentedRoutes(registeredRoutes(diary.app), document)).toEqual([]);
    const open = operationsOf(document)
      .filter(({ operation }) => (operation as { security?: unknown[] }).security?.length === 0)
      .map(({ key }) => key);
    expect(open.sort()).toEqual([
      'get /asyncapi.json',
      'get /docs',
      'get /health/live',
      'get /health/ready',
      'get /openapi.json',
    ]);
  });

  it('serves an AsyncAPI 3.0 document of every topic that the official parser accepts', async () => {
    const answer = await diary.app.inject({ method: 'GET', url: '/asyncapi.json' });
    expect(answer.statusCode).toBe(200);
    const { document: parsed, diagnostics } = await new Parser().parse(answer.body);
    expect(diagnostics.filter((each) => each.severity === 0)).toEqual([]);
    const channels = parsed?.channels().all() ?? [];
    expect(channels.map((channel) => channel.address()).sort()).toEqual(
      [...Object.values(diary.topics), INTEGRITY_CHECKPOINTS_TOPIC].sort(),
    );
    const checkpoints = channels.find(
      (channel) => channel.address() === INTEGRITY_CHECKPOINTS_TOPIC,
    );
    expect(
      checkpoints
        ?.messages()
        .all()
        .map((message) => message.name()),
    ).toEqual(['IntegrityCheckpoint.v1']);
    const notifications = channels.find((channel) => channel.address() === diary.topics.diary);
    expect(
      notifications
        ?.messages()
        .all()
        .map((message) => message.name()),
    ).toEqual(['DiaryNotification.v1']);
    const journal = channels.find((channel) => channel.address() === diary.topics.journal);
    expect(
      journal
        ?.messages()
        .all()
        .map((message) => message.name()),
    ).toEqual(expect.arrayContaining(['MarkRecorded.v1', 'MarkRecorded.v2', 'LessonVoided.v1']));
  }, 30_000);
});
