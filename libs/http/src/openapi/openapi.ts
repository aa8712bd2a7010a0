import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import type { ProblemDoc } from './problem-responses';

/** A request is described as it is sent (`input`: defaults optional), an answer as it comes. */
export type SchemaIo = 'input' | 'output';

/**
 * The JSON Schema of a zod schema, as OpenAPI 3.1 embeds it. Schemas named with
 * `.meta({ id })` stay in `$defs`; the document moves them to `components.schemas`.
 */
export function openApiSchema(schema: z.ZodType, io: SchemaIo = 'input'): SchemaObject {
  const json: Record<string, unknown> = z.toJSONSchema(schema, { unrepresentable: 'any', io });
  delete json['$schema'];
  return json as SchemaObject;
}

/** The request body, validated by the same schema in `zodPipe`; `example` must satisfy it. */
export const ApiZodBody = (schema: z.ZodType, example?: z.input<typeof schema>) =>
  ApiBody({
    schema: openApiSchema(schema, 'input'),
    ...(example === undefined ? {} : { examples: { example: { value: example } } }),
  });

export const ApiZodResponse = (
  status: number,
  schema: z.ZodType,
  description = 'OK',
  example?: z.output<typeof schema>,
) =>
  ApiResponse({
    status,
    description,
    schema: openApiSchema(schema, 'output'),
    ...(example === undefined ? {} : { example }),
  });

/** One query parameter per property of an object schema. */
export function ApiZodQuery(schema: z.ZodObject) {
  return applyDecorators(
    ...Object.entries(schema.shape).map(([name, property]) =>
      ApiQuery({
        name,
        required: !(property as z.ZodType).safeParse(undefined).success,
        schema: openApiSchema(property as z.ZodType, 'input'),
      }),
    ),
  );
}

export const PROBLEMS = 'ejournal:openapi:problems';

/**
 * Problem details the route (or every route of the controller) may answer with, besides the
 * 400 of its zod pipes and the 401/403 of authentication, which the document adds itself.
 */
export function ApiProblem(status: number, ...codes: string[]) {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder: object = descriptor?.value ?? target;
    const declared: ProblemDoc[] = Reflect.getMetadata(PROBLEMS, holder) ?? [];
    Reflect.defineMetadata(PROBLEMS, [...declared, { status, codes }], holder);
  };
}
