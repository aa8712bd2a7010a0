import { Body, Controller, Get, Module, Post, SetMetadata } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { z } from 'zod';
import { createHttpApp } from '../bootstrap-service';
import { zodPipe } from '../validation/zod-validation.pipe';
import { ApiProblem, ApiZodBody, ApiZodResponse } from './openapi';
import { serveOpenApi } from './openapi-document';
import { routeMetadata } from './registered-routes';

const openClass = z.strictObject({
  grade: z.number().int().min(1).max(11),
  letter: z.string(),
  pupils: z.array(z.string()).default([]),
});
const opened = z.strictObject({ classId: z.uuid() }).meta({ id: 'OpenedClass' });
const OPEN = 'test:public';

@Controller('classes')
class ClassesController {
  @Post()
  @ApiZodBody(openClass, { grade: 7, letter: 'А' })
  @ApiZodResponse(201, opened, 'The class was opened')
  @ApiProblem(409, 'TEST.CLASS_EXISTS')
  open(@Body(zodPipe(openClass, 'TEST.INVALID_REQUEST')) _body: unknown) {
    return { classId: '0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c7d' };
  }

  @Get('public')
  @SetMetadata(OPEN, true)
  list() {
    return [];
  }
}

@Module({ controllers: [ClassesController] })
class ClassesModule {}

describe('serveOpenApi', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createHttpApp(ClassesModule, {
      name: 'test',
      logLevel: 'fatal',
      configure: (created) =>
        serveOpenApi(created, {
          title: 'classes',
          version: '1',
          access: (route) =>
            routeMetadata(route, OPEN)
              ? { public: true, problems: [] }
              : { public: false, problems: [{ status: 401, codes: ['TEST.TOKEN_MISSING'] }] },
        }),
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  const documentOf = async () => (await app.inject({ method: 'GET', url: '/openapi.json' })).json();

  it('names the zod schemas in components, a defaulted field not required in the request', async () => {
    const document = await documentOf();
    expect(document.openapi).toBe('3.1.0');
    const operation = document.paths['/classes'].post;
    expect(operation.operationId).toBe('classesOpen');
    expect(operation.requestBody.content['application/json']).toMatchObject({
      schema: { $ref: '#/components/schemas/ClassesOpenRequest' },
      examples: { example: { value: { grade: 7, letter: 'А' } } },
    });
    expect(document.components.schemas.ClassesOpenRequest).toMatchObject({
      type: 'object',
      required: ['grade', 'letter'],
      properties: { grade: { type: 'integer', minimum: 1, maximum: 11 } },
    });
    expect(operation.responses['201']).toMatchObject({
      description: 'The class was opened',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/OpenedClass' } } },
    });
    expect(document.components.schemas.OpenedClass.required).toEqual(['classId']);
  });

  it('answers each refusal with the problem schema and lists its codes', async () => {
    const { paths, components } = await documentOf();
    const responses = paths['/classes'].post.responses;
    expect(Object.keys(responses).sort()).toEqual(['201', '400', '401', '409']);
    const conflict = responses['409'].content['application/problem+json'];
    expect(conflict.schema.allOf).toEqual([
      { $ref: '#/components/schemas/Problem' },
      { type: 'object', properties: { code: { enum: ['TEST.CLASS_EXISTS'] } } },
    ]);
    expect(conflict.example).toMatchObject({ status: 409, code: 'TEST.CLASS_EXISTS' });
    expect(responses['400'].description).toContain('`TEST.INVALID_REQUEST`');
    expect(components.schemas.Problem.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance', 'code']),
    );
  });

  it('secures every route with a bearer token but the public ones', async () => {
    const { paths, security, components } = await documentOf();
    expect(security).toEqual([{ bearer: [] }]);
    expect(components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer' });
    expect(paths['/classes'].post.security).toBeUndefined();
    expect(paths['/classes/public'].get.security).toEqual([]);
    expect(paths['/classes/public'].get.responses['200'].description).toBe('OK');
    expect(paths['/openapi.json'].get.security).toEqual([]);
    expect(paths['/classes'].post.parameters).toContainEqual({
      $ref: '#/components/parameters/traceparent',
    });
  });

  it('serves a reference page whose assets come from the service itself', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs' });
    expect(page.headers['content-type']).toContain('text/html');
    const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(sources).toEqual(['docs/swagger-ui.css', 'docs/swagger-ui-bundle.js', 'docs/start.js']);
    for (const source of sources) {
      const asset = await app.inject({ method: 'GET', url: `/${source}` });
      expect(asset.statusCode).toBe(200);
      expect(asset.body).not.toMatch(/https?:\/\/(?:cdn|unpkg|fonts)\./);
    }
  });
});
