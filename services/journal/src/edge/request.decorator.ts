import type { AuthRequest } from '@ejournal/auth';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from '../write/dispatch';
import { eventContextOf } from './event-context';
import { idempotencyOf } from './idempotency';

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
