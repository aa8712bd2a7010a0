import { Controller, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '../bootstrap-service';
import { buildOpenApiDocument } from '../openapi/openapi-document';
import { RequireIdempotencyKey } from './idempotency-key';

let ran = 0;

@Controller()
class CommandsController {
  @Post('commands')
  @RequireIdempotencyKey('One per request')
  command() {
    ran += 1;
    return { ran };
  }

  @Post('reads')
  read() {
    return { read: true };
  }
}

@Module({ controllers: [CommandsController] })
class CommandsModule {}

describe('RequireIdempotencyKey', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createHttpApp(CommandsModule, { name: 'test', logLevel: 'fatal' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  const post = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, headers });

  it('refuses a command without a key with a 428 problem, before the handler runs', async () => {
    const before = ran;
    const refused = await post('/commands');
    expect(refused.statusCode).toBe(428);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({
      code: 'HTTP.IDEMPOTENCY_KEY_REQUIRED',
      title: 'A precondition is required',
      status: 428,
    });
    expect(ran).toBe(before);
  });

  it('refuses a malformed key with 400, and runs the command with a good one', async () => {
    expect((await post('/commands', { 'idempotency-key': 'no spaces!' })).json()).toMatchObject({
      status: 400,
      code: 'HTTP.INVALID_IDEMPOTENCY_KEY',
    });
    const done = await post('/commands', { 'idempotency-key': 'a2f1c0de-0001' });
    expect(done.statusCode).toBe(201);
  });

  it('asks nothing of a route that is not a command', async () => {
    expect((await post('/reads')).statusCode).toBe(201);
  });

  it('documents the header as required, with its 400 and 428', () => {
    const document = buildOpenApiDocument(app, { title: 'test', version: '1' });
    const command = document.paths['/commands']?.post;
    expect(command?.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
    );
    expect(Object.keys(command?.responses ?? {})).toEqual(expect.arrayContaining(['400', '428']));
    expect(document.paths['/reads']?.post?.parameters ?? []).not.toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key' }),
    );
  });
});
