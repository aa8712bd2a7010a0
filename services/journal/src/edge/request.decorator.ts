import type { AuthRequest } from '@ejournal/auth';
import type { IdempotencyKey } from '@ejournal/event-store';
import { eventContextOf, idempotencyOf, type EventContext } from '@ejournal/write-path';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Requester } from './caller';

/** What every command's controller method hands to the write side. */
export interface Request {
  requester: Requester;
  context: EventContext;
  idempotency: IdempotencyKey | null;
}

/** `@CommandRequest() request: Request`: the requester, the event context and the key. */
export const CommandRequest = createParamDecorator(
  (_data: unknown, execution: ExecutionContext): Request => {
    const request = execution.switchToHttp().getRequest<AuthRequest>();
    const principal = request.principal;
    return {
      requester: { userId: principal?.subject ?? 'anonymous', grants: principal?.grants ?? [] },
      context: eventContextOf(request),
      idempotency: idempotencyOf(request),
    };
  },
);
