import {
  applyDecorators,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { ApiProblem } from '../openapi/openapi';
import { PreconditionRequiredProblem, ValidationProblem } from '../problems/problem';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;
export const IDEMPOTENCY_KEY_REQUIRED = 'HTTP.IDEMPOTENCY_KEY_REQUIRED';
export const INVALID_IDEMPOTENCY_KEY = 'HTTP.INVALID_IDEMPOTENCY_KEY';

const REQUIRES_KEY = 'ejournal:http:idempotency-key';

/**
 * The route creates or changes a record: it needs an `Idempotency-Key` (428 without one, 400
 * for a malformed one), and the OpenAPI document says so. How a retry is answered is the
 * service's (`description`); the check itself runs for every route of every service.
 */
export const RequireIdempotencyKey = (description: string) =>
  applyDecorators(
    SetMetadata(REQUIRES_KEY, true),
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description,
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
    }),
    ApiProblem(400, INVALID_IDEMPOTENCY_KEY),
    ApiProblem(428, IDEMPOTENCY_KEY_REQUIRED),
  );

interface KeyedRequest {
  headers: Record<string, string | string[] | undefined>;
}

/** The request's `Idempotency-Key`, when it sends one; a malformed one is refused (400). */
export function idempotencyKeyOf(request: KeyedRequest): string | undefined {
  const key = request.headers[IDEMPOTENCY_KEY_HEADER];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ValidationProblem(
      INVALID_IDEMPOTENCY_KEY,
      'Idempotency-Key must be 8–128 letters, digits or . _ : - (a UUID is a good choice)',
    );
  }
  return key;
}

/**
 * Refuses a command sent without a key: 428 `HTTP.IDEMPOTENCY_KEY_REQUIRED`. It runs after
 * the guard (a stranger learns nothing) and before validation and the handler.
 */
export class IdempotencyKeyCheck implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http' && requiresIdempotencyKey(this.reflector, context)) {
      const key = idempotencyKeyOf(context.switchToHttp().getRequest<KeyedRequest>());
      if (key === undefined)
        throw new PreconditionRequiredProblem(
          IDEMPOTENCY_KEY_REQUIRED,
          'This command needs an Idempotency-Key header: a key of your own for this request, ' +
            'sent again unchanged with every retry of it (a UUID is a good choice)',
        );
    }
    return next.handle();
  }
}

/** Whether the route is a command that needs a key (`@RequireIdempotencyKey`). */
export const requiresIdempotencyKey = (reflector: Reflector, context: ExecutionContext) =>
  reflector.getAllAndOverride<boolean>(REQUIRES_KEY, [context.getHandler(), context.getClass()]) ??
  false;
