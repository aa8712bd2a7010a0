import type { INestApplication } from '@nestjs/common';
import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

/** The JSON Schema of a zod schema, as OpenAPI 3.1 embeds it. */
export function openApiSchema(schema: z.ZodType): SchemaObject {
  const json: Record<string, unknown> = z.toJSONSchema(schema, { unrepresentable: 'any' });
  delete json['$schema'];
  return json as SchemaObject;
}

export const ApiZodBody = (schema: z.ZodType) => ApiBody({ schema: openApiSchema(schema) });

export const ApiZodResponse = (status: number, schema: z.ZodType, description = 'OK') =>
  ApiResponse({ status, description, schema: openApiSchema(schema) });

/** One query parameter per property of an object schema. */
export function ApiZodQuery(schema: z.ZodObject) {
  return applyDecorators(
    ...Object.entries(schema.shape).map(([name, property]) =>
      ApiQuery({
        name,
        required: !(property as z.ZodType).safeParse(undefined).success,
        schema: openApiSchema(property as z.ZodType),
      }),
    ),
  );
}

/** Builds the document from the controllers' decorators and serves it at `/openapi.json`. */
export function serveOpenApi(app: INestApplication, info: OpenApiInfo): void {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(info.title)
    .setVersion(info.version)
    .setDescription(info.description ?? '')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  app
    .getHttpAdapter()
    .get('/openapi.json', (_request: unknown, reply: { send(body: unknown): void }) =>
      reply.send(document),
    );
}
