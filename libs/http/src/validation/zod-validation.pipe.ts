import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { FieldError, ValidationProblem } from '../problems/problem';

export interface LocatedFieldError extends FieldError {
  /** Where the field is: the JSON body, the query string or the path. */
  in: string;
}

/**
 * Validates one request part against a zod schema once, at the edge, and hands the parsed
 * (typed, coerced) value to the handler. Failures list every field as a JSON Pointer.
 */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform {
  constructor(
    private readonly schema: S,
    /** The problem code of a refusal; the OpenAPI document lists it under 400. */
    readonly code = 'HTTP.VALIDATION_FAILED',
  ) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.output<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const where = metadata.type === 'custom' ? 'request' : metadata.type;
    const errors: LocatedFieldError[] = result.error.issues.map((issue) => ({
      in: where,
      pointer: toPointer(metadata.data ? [metadata.data, ...issue.path] : issue.path),
      detail: issue.message,
    }));
    const count = errors.length === 1 ? 'one field' : `${errors.length} fields`;
    throw new ValidationProblem(this.code, `The ${where} is invalid: ${count}`, errors);
  }
}

/** RFC 6901: `/pupils/0/birthDate`, with `~` and `/` escaped inside names. */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** `@Body(zodPipe(schema, 'IDENTITY.INVALID_REQUEST'))`. */
export const zodPipe = <S extends z.ZodType>(schema: S, code?: string) =>
  new ZodValidationPipe(schema, code);
