import { planSweep, type SweptService } from './sweep-plan';
import { idOf } from './request-template';
import { describeVariant, namesBIn, renderRequest, unknownIds } from './variants';
import { existenceFault, faultsOf } from './verdict';

const uuid = { type: 'string', format: 'uuid' };
const date = { type: 'string', format: 'date' };

const document = {
  components: {
    schemas: {
      TransferRequest: {
        type: 'object',
        properties: { classId: { type: 'string' }, onDate: date },
        required: ['classId', 'onDate'],
      },
    },
  },
  paths: {
    '/health/live': { get: {} },
    '/me': { get: {} },
    '/pupils/{pupilId}/transfer': {
      post: {
        parameters: [{ name: 'pupilId', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          content: {
            // Named in components, as libs/http's documents name request bodies.
            'application/json': { schema: { $ref: '#/components/schemas/TransferRequest' } },
          },
        },
      },
    },
    '/journals/{journalId}/lessons': {
      post: {
        parameters: [{ name: 'journalId', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  slot: { type: 'integer', minimum: 1, maximum: 12 },
                  note: { type: 'string' },
                  entries: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        pupilId: { type: 'string' },
                        marks: {
                          type: 'array',
                          items: {
                            type: 'object',
                            properties: {
                              value: { type: 'string', enum: ['1', '5'] },
                              workType: { type: 'string', pattern: '^[a-z]+$' },
                            },
                            required: ['value', 'workType'],
                          },
                        },
                      },
                      required: ['pupilId', 'marks'],
                    },
                  },
                },
                required: ['slot', 'entries'],
              },
            },
          },
        },
      },
    },
    '/schools/{schoolId}/access-log': {
      get: {
        parameters: [
          { name: 'schoolId', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'subjectId', in: 'query', schema: uuid },
          { name: 'limit', in: 'query', schema: { type: 'integer' } },
        ],
      },
    },
  },
};

const ids = {
  A: {
    pupil: 'pupil-a',
    class: 'class-a',
    journal: 'journal-a',
    school: 'school-a',
    person: 'person-a',
  },
  B: {
    pupil: 'pupil-b',
    class: 'class-b',
    journal: 'journal-b',
    school: 'school-b',
    person: 'person-b',
  },
};

const service = (overrides: Partial<SweptService> = {}): SweptService => ({
  name: 'svc',
  document,
  rules: {
    vocabulary: {
      pupilId: 'pupil',
      classId: 'class',
      journalId: 'journal',
      schoolId: 'school',
      subjectId: 'person',
    },
    values: { workType: 'classwork' },
    formats: { date: '2025-10-01' },
  },
  overrides: {},
  publicOperations: ['GET /health/live'],
  ...overrides,
});

const planned = (key: string, plan = planSweep([service()], ids)) => {
  const found = plan.planned.find((p) => p.operation.key === key);
  if (!found) throw new Error(`${key} not planned: ${JSON.stringify(plan.unbuildable)}`);
  return found;
};

describe('the tenant sweep', () => {
  it('counts public operations and operations without ids, and covers the rest', () => {
    const plan = planSweep([service()], ids);
    expect(plan.counts['svc']).toEqual({ operations: 5, public: 1, withoutIds: 1, covered: 3 });
    expect(plan.unbuildable).toEqual([]);
  });

  it('mixes A’s and B’s ids between the path and the body, and within an id list', () => {
    const { variants } = planned('POST /journals/{journalId}/lessons');
    expect(variants.map(describeVariant)).toEqual([
      'path.journalId=B body.entries=B',
      'path.journalId=B body.entries=A',
      'path.journalId=A body.entries=B',
      'path.journalId=A body.entries=AB',
    ]);
  });

  it('fills required fields validly and puts the ids where the schema has them', () => {
    const { operation, request, variants } = planned('POST /journals/{journalId}/lessons');
    const mixed = renderRequest(operation, request, variants[3] ?? {}, ids);
    expect(mixed.url).toBe('/journals/journal-a/lessons');
    expect(JSON.parse(mixed.body ?? '')).toEqual({
      slot: 1,
      entries: [
        { pupilId: 'pupil-a', marks: [{ value: '1', workType: 'classwork' }] },
        { pupilId: 'pupil-b', marks: [{ value: '1', workType: 'classwork' }] },
      ],
    });
    expect(mixed.sent.sort()).toEqual(['journal-a', 'pupil-a', 'pupil-b']);
  });

  it('puts optional query parameters that carry ids into the request, and no others', () => {
    const { operation, request, variants } = planned('GET /schools/{schoolId}/access-log');
    const urls = variants.map((v) => renderRequest(operation, request, v, ids).url);
    expect(urls).toContain('/schools/school-a/access-log?subjectId=person-b');
    expect(urls).toContain('/schools/school-b/access-log?subjectId=person-a');
  });

  it('fails an operation whose id name it does not know, naming the operation', () => {
    const rules = service().rules;
    const vocabulary = { ...rules.vocabulary, pupilId: undefined } as unknown as Record<
      string,
      string
    >;
    const plan = planSweep([service({ rules: { ...rules, vocabulary } })], ids);
    expect(plan.unbuildable.map((u) => u.operation)).toEqual([
      'POST /pupils/{pupilId}/transfer',
      'POST /journals/{journalId}/lessons',
    ]);
    expect(plan.unbuildable[0]?.reason).toMatch(/"pupilId"/);
  });

  it('fails an operation whose body it cannot fill, until an override teaches it', () => {
    const rules = { ...service().rules, values: {} };
    const failing = planSweep([service({ rules })], ids);
    expect(failing.unbuildable).toEqual([
      expect.objectContaining({ operation: 'POST /journals/{journalId}/lessons' }),
    ]);
    const body = { slot: 3, entries: [{ pupilId: idOf('pupil'), marks: [] }] };
    const taught = planSweep(
      [service({ rules, overrides: { 'POST /journals/{journalId}/lessons': { body } } })],
      ids,
    );
    expect(taught.unbuildable).toEqual([]);
  });

  it('judges an answer: 2xx, 5xx, no problem document, or B’s data are faults', () => {
    const context = { sent: ['pupil-b'], secrets: ['pupil-b', 'class-b', 'Зорин'] };
    const problem = (status: number, body: object) => ({
      status,
      contentType: 'application/problem+json; charset=utf-8',
      text: JSON.stringify(body),
    });
    expect(
      faultsOf(problem(404, { code: 'IDENTITY.UNKNOWN_PERSON', detail: 'pupil-b' }), context),
    ).toEqual([]);
    expect(faultsOf(problem(201, { ok: true }), context).map((f) => f.kind)).toEqual(['leak']);
    expect(
      faultsOf(problem(404, { code: 'HTTP.NOT_FOUND', detail: 'Зорин in class-b' }), context),
    ).toEqual([{ kind: 'data', detail: "the answer holds B's class-b, Зорин" }]);
    expect(
      faultsOf(problem(500, { code: 'HTTP.INTERNAL_ERROR' }), context).map((f) => f.kind),
    ).toEqual(['server']);
    expect(faultsOf(problem(409, { code: 'conflict' }), context).map((f) => f.kind)).toEqual([
      'not-problem',
    ]);
    const plain = { status: 404, contentType: 'application/json', text: '{"message":"Not Found"}' };
    expect(faultsOf(plain, context).map((f) => f.kind)).toEqual(['not-problem']);
    // An id inside one the request sent (a stream id) is an echo, not a leak; alone it is one.
    const streams = { sent: ['journal-j-b'], secrets: ['j-b', 'class-b'] };
    const echo = { code: 'AUTH.ROLE_REQUIRED', instance: '/audit/streams/journal-j-b/history' };
    expect(faultsOf(problem(403, echo), streams)).toEqual([]);
    expect(faultsOf(problem(403, { ...echo, detail: 'class-b' }), streams)).toEqual([
      { kind: 'data', detail: "the answer holds B's class-b" },
    ]);
  });

  it('renders the same request with unknown ids in place of B’s, shaped like B’s', () => {
    const unknown = unknownIds({ pupil: '0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c7d', class: 'class-b' });
    expect(unknown['pupil']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(unknown['pupil']).not.toBe('0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c7d');
    expect(unknown['class']).toBe('class-b-unknown');
    const { operation, request, variants } = planned('POST /journals/{journalId}/lessons');
    const book = { A: ids.A, B: unknownIds(ids.B) };
    const twin = renderRequest(operation, request, variants[3] ?? {}, book);
    expect(twin.url).toBe('/journals/journal-a/lessons');
    expect(JSON.parse(twin.body ?? '').entries.map((e: { pupilId: string }) => e.pupilId)).toEqual([
      'pupil-a',
      'pupil-b-unknown',
    ]);
    expect(namesBIn(variants[3] ?? {}, ['body.entries'])).toBe(true);
    expect(namesBIn(variants[3] ?? {}, ['path.journalId'])).toBe(false);
  });

  it('faults B’s ids answered otherwise than unknown ones (status or code)', () => {
    const answer = (status: number, code: string) => ({
      status,
      contentType: 'application/problem+json',
      text: JSON.stringify({ code }),
    });
    const notFound = answer(404, 'JOURNAL.NOT_FOUND');
    expect(existenceFault(notFound, answer(404, 'JOURNAL.NOT_FOUND'))).toBeUndefined();
    expect(existenceFault(answer(403, 'AUTH.OUT_OF_SCOPE'), notFound)).toEqual({
      kind: 'existence',
      detail: "B's ids answered 403 AUTH.OUT_OF_SCOPE, unknown ids 404 JOURNAL.NOT_FOUND",
    });
    expect(existenceFault(answer(404, 'JOURNAL.LESSON_NOT_FOUND'), notFound)?.kind).toBe(
      'existence',
    );
  });
});
