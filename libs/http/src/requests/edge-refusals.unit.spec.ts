import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '../bootstrap-service';
import { BAD_URL, URI_TOO_LONG } from './edge-errors';
import { INVALID_UTF8, JSON_TOO_DEEP, MALFORMED_JSON, NOT_I_JSON } from './json-body';

@Controller('things')
class EchoController {
  @Post()
  echo(@Body() body: unknown) {
    return { received: body };
  }

  @Get(':id')
  one(@Param('id') id: string) {
    return { id };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

const JSON_TYPE = { 'content-type': 'application/json' };

describe('refusals before a handler runs are problem documents with stable codes', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createHttpApp(EchoModule, { name: 'test', logLevel: 'fatal' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  const post = (payload: string | Buffer, headers: Record<string, string> = JSON_TYPE) =>
    app.inject({ method: 'POST', url: '/things', headers, payload });

  const expectProblem = (
    response: Awaited<ReturnType<typeof post>>,
    status: number,
    code: string,
  ) => {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status, code, type: `urn:ejournal:problem:${code}` });
  };

  it('passes JSON through', async () => {
    const response = await post('{"topic":"Дроби"}');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ received: { topic: 'Дроби' } });
  });

  it.each([
    ['malformed JSON', '{"topic":', MALFORMED_JSON],
    ['an empty body', '', MALFORMED_JSON],
    ['a __proto__ key', '{"__proto__":{"admin":true}}', MALFORMED_JSON],
    ['deep nesting', '['.repeat(100_000), JSON_TOO_DEEP],
    ['a lone surrogate', '{"topic":"\\ud800"}', NOT_I_JSON],
    ['a number past 2^53', '{"n":1e300}', NOT_I_JSON],
  ])('answers %s with 400', async (_what, payload, code) => {
    expectProblem(await post(payload), 400, code);
  });

  it('answers bytes that are not UTF-8 with 400', async () => {
    expectProblem(
      await post(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])),
      400,
      INVALID_UTF8,
    );
  });

  it('answers a body over 1 MiB with 413', async () => {
    expectProblem(await post(`"${'a'.repeat(1_048_576)}"`), 413, 'HTTP.PAYLOAD_TOO_LARGE');
  });

  it.each([
    ['text/plain', '{"topic":"x"}'],
    ['application/x-www-form-urlencoded', 'topic=x'],
    ['application/xml', '<topic/>'],
  ])('answers a %s body with 415', async (type, payload) => {
    expectProblem(
      await post(payload, { 'content-type': type }),
      415,
      'HTTP.UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('answers a path that does not percent-decode with 400', async () => {
    const response = await app.inject({ method: 'GET', url: '/things/%E0%A4%A' });
    expectProblem(response, 400, BAD_URL);
  });

  it('answers a path parameter past fastify’s length limit with 414', async () => {
    const response = await app.inject({ method: 'GET', url: `/things/${'x'.repeat(500)}` });
    expectProblem(response, 414, URI_TOO_LONG);
  });
});
