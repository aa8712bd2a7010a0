import { problemOfKind, type RefusalKind } from './problem-of-kind';

describe('problemOfKind', () => {
  it.each([
    ['validation', 400],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['precondition', 412],
    ['unprocessable', 422],
  ] as [RefusalKind, number][])('answers a %s refusal with %i and its code', (kind, status) => {
    const problem = problemOfKind(kind, 'TEST.CODE', 'why');
    expect([problem.status, problem.code, problem.detail]).toEqual([status, 'TEST.CODE', 'why']);
  });

  it('keeps extra members such as per-pupil entries', () => {
    const entries = [{ pupilId: 'p1', code: 'TEST.X' }];
    expect(problemOfKind('unprocessable', 'TEST.CODE', 'why', { entries }).extensions).toEqual({
      entries,
    });
  });
});
