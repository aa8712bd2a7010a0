import { operationsOf } from './operations';
import { emptyTotals, faultOf, tally, type Exchange } from './verdict';

const PROBLEM = 'application/problem+json; charset=utf-8';
const answer = (status: number, contentType: string, body: string): Exchange => ({
  service: 'diary',
  method: 'POST',
  url: 'http://127.0.0.1:1/me/notifications/read?x=1',
  status,
  contentType,
  body,
});

describe('the verdict on an answer', () => {
  it('accepts successes and refusals that are problem documents with a stable code', () => {
    expect(faultOf(answer(200, 'application/json', '{}'))).toBeNull();
    expect(faultOf(answer(304, '', ''))).toBeNull();
    expect(faultOf(answer(400, PROBLEM, '{"code":"DIARY.INVALID_REQUEST"}'))).toBeNull();
    expect(
      faultOf(answer(409, PROBLEM, '{"code":"EVENT_STORE.WRONG_EXPECTED_VERSION"}')),
    ).toBeNull();
  });

  it('calls every 5xx a server error, problem document or not', () => {
    expect(faultOf(answer(500, PROBLEM, '{"code":"HTTP.INTERNAL_ERROR"}'))).toBe('server-error');
    expect(faultOf(answer(503, 'application/json', '{}'))).toBe('server-error');
  });

  it.each([
    ['plain JSON', 431, 'application/json', '{"statusCode":431}'],
    ['no code', 400, PROBLEM, '{"title":"Bad Request"}'],
    ['an unstable code', 400, PROBLEM, '{"code":"FST_ERR_BAD_URL lowercase"}'],
    ['no body', 404, PROBLEM, ''],
  ])('calls a refusal with %s not a problem', (_what, status, type, body) => {
    expect(faultOf(answer(status, type, body))).toBe('not-a-problem');
  });
});

describe('the totals', () => {
  it('counts every exchange and reports each fault once per operation and status', () => {
    const totals = emptyTotals();
    const findings = tally(totals, [
      answer(200, 'application/json', '{}'),
      answer(500, PROBLEM, '{"code":"HTTP.INTERNAL_ERROR"}'),
      answer(500, PROBLEM, '{"code":"HTTP.INTERNAL_ERROR"}'),
      answer(415, 'application/json', '{}'),
    ]);
    expect(totals).toEqual({
      operations: 0,
      examples: 4,
      serverErrors: 2,
      nonProblemRefusals: 1,
      statuses: { '2xx': 1, '4xx': 1, '5xx': 2 },
    });
    expect(findings.map((f) => [f.fault, f.request, f.status])).toEqual([
      ['server-error', 'POST /me/notifications/read', 500],
      ['not-a-problem', 'POST /me/notifications/read', 415],
    ]);
  });
});

describe('the operations of a document', () => {
  it('lists them as Schemathesis names them, without the excluded ones', () => {
    const document = {
      paths: {
        '/me/notifications/stream': { get: {} },
        '/pupils/{pupilId}/marks': { get: { parameters: [{ in: 'path' }] } },
        '/webhooks': { post: { requestBody: { content: { 'application/json': {} } } } },
      },
    };
    expect(operationsOf(document, ['GET /me/notifications/stream'])).toEqual([
      {
        key: 'GET /pupils/{pupilId}/marks',
        method: 'GET',
        path: '/pupils/{pupilId}/marks',
        jsonBody: false,
        pathParameters: true,
      },
      {
        key: 'POST /webhooks',
        method: 'POST',
        path: '/webhooks',
        jsonBody: true,
        pathParameters: false,
      },
    ]);
  });
});
