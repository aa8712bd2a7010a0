import { Body, Controller, Module, Post } from '@nestjs/common';
import { z } from 'zod';
import { createHttpApp } from '../bootstrap-service';
import { ApiZodBody, ApiZodResponse, serveOpenApi } from './openapi';

const openClass = z.strictObject({ grade: z.number().int().min(1).max(11), letter: z.string() });
const opened = z.strictObject({ classId: z.uuid() });

@Controller('classes')
class ClassesController {
  @Post()
  @ApiZodBody(openClass)
  @ApiZodResponse(201, opened, 'The class was opened')
  open(@Body() _body: unknown) {
    return { classId: '0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c7d' };
  }
}

@Module({ controllers: [ClassesController] })
class ClassesModule {}

describe('serveOpenApi', () => {
  it('serves an OpenAPI 3.1 document at /openapi.json built from the zod schemas', async () => {
    const app = await createHttpApp(ClassesModule, {
      name: 'test',
      logLevel: 'fatal',
      configure: (created) => serveOpenApi(created, { title: 'classes', version: '1' }),
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    try {
      const response = await app.inject({ method: 'GET', url: '/openapi.json' });
      expect(response.statusCode).toBe(200);
      const document = response.json();
      expect(document.openapi).toBe('3.1.0');
      const operation = document.paths['/classes'].post;
      expect(operation.requestBody.content['application/json'].schema).toMatchObject({
        type: 'object',
        required: ['grade', 'letter'],
        properties: { grade: { type: 'integer', minimum: 1, maximum: 11 } },
      });
      expect(operation.responses['201'].description).toBe('The class was opened');
      expect(document.components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer' });
    } finally {
      await app.close();
    }
  });
});
