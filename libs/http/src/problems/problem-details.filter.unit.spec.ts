import {
  BadRequestException,
  Controller,
  Get,
  Module,
  Param,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '../bootstrap-service';
import {
  ConflictProblem,
  ForbiddenProblem,
  NotFoundProblem,
  PreconditionFailedProblem,
  TooManyRequestsProblem,
  UnauthorizedProblem,
  UnprocessableProblem,
  ValidationProblem,
} from './problem';

const PROBLEMS = {
  validation: new ValidationProblem('TEST.INVALID', 'bad', [{ pointer: '/a', detail: 'x' }]),
  unauthorized: new UnauthorizedProblem('AUTH.TOKEN_EXPIRED', 'expired'),
  forbidden: new ForbiddenProblem('AUTH.OUT_OF_SCOPE', 'no'),
  'not-found': new NotFoundProblem('TEST.NOT_FOUND', 'none'),
  conflict: new ConflictProblem('TEST.CONFLICT', 'taken'),
  precondition: new PreconditionFailedProblem('TEST.STALE', 'stale'),
  unprocessable: new UnprocessableProblem('TEST.UNPROCESSABLE', 'cannot'),
  'too-many': new TooManyRequestsProblem('TEST.SLOW_DOWN', 'wait', 2.2),
};

class WrongVersion extends Error {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_VERSION';
}

@Controller('fail')
class FailingController {
  @Get('problem/:kind')
  problem(@Param('kind') kind: keyof typeof PROBLEMS) {
    throw PROBLEMS[kind];
  }
  @Get('nest')
  nest() {
    throw new BadRequestException('Unexpected end of JSON');
  }
  @Get('custom-body')
  customBody() {
    throw new ServiceUnavailableException({ status: 'error', info: {} });
  }
  @Get('library')
  library() {
    throw new WrongVersion('Stream journal-1 is at version 3');
  }
  @Get('bug')
  bug() {
    throw new Error('password=hunter2 leaked into a message');
  }
}

@Module({ controllers: [FailingController] })
class FailingModule {}

describe('ProblemDetailsFilter', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createHttpApp(FailingModule, { name: 'test', logLevel: 'fatal' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  it.each([
    ['validation', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['not-found', 404],
    ['conflict', 409],
    ['precondition', 412],
    ['unprocessable', 422],
    ['too-many', 429],
  ])('answers a %s problem with %i and its stable code', async (kind, status) => {
    const response = await app.inject({ method: 'GET', url: `/fail/problem/${kind}` });
    const problem = PROBLEMS[kind as keyof typeof PROBLEMS];
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      type: `urn:ejournal:problem:${problem.code}`,
      status,
      code: problem.code,
      detail: problem.detail,
      instance: `/fail/problem/${kind}`,
    });
  });

  it('lists the fields of a validation problem and sets the headers a problem asks for', async () => {
    const invalid = await app.inject({ method: 'GET', url: '/fail/problem/validation' });
    expect(invalid.json().errors).toEqual([{ pointer: '/a', detail: 'x' }]);
    const unauthorized = await app.inject({ method: 'GET', url: '/fail/problem/unauthorized' });
    expect(unauthorized.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    const tooMany = await app.inject({ method: 'GET', url: '/fail/problem/too-many' });
    expect(tooMany.headers['retry-after']).toBe('3');
  });

  it("turns Nest's own exceptions into problems", async () => {
    const response = await app.inject({ method: 'GET', url: '/fail/nest' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'HTTP.BAD_REQUEST',
      status: 400,
      title: 'Bad Request',
    });
  });

  it('titles an unknown route in words, not with a framework class name', async () => {
    const response = await app.inject({ method: 'GET', url: '/no/such/route' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'HTTP.NOT_FOUND', title: 'Not Found' });
    expect(response.body).not.toContain('Exception');
  });

  it('passes through an exception that carries a body of its own (health checks)', async () => {
    const response = await app.inject({ method: 'GET', url: '/fail/custom-body' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'error', info: {} });
  });

  it("maps the shared libs' coded errors", async () => {
    const response = await app.inject({ method: 'GET', url: '/fail/library' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'EVENT_STORE.WRONG_EXPECTED_VERSION' });
  });

  it('answers an unexpected error with a 500 that does not leak its message', async () => {
    const response = await app.inject({ method: 'GET', url: '/fail/bug' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ code: 'HTTP.INTERNAL_ERROR' });
    expect(response.body).not.toContain('hunter2');
  });
});
