import type { AuthRequest } from '@ejournal/auth';
import type { Actor } from '@ejournal/contracts';
import { newEventId } from '@ejournal/contracts';
import { traceparentOf } from '@ejournal/telemetry';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** Who acts, in which causal chain and trace: copied into every event the request produces. */
export interface EventContext {
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  traceparent: string | null;
}

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function eventContextOf(request: AuthRequest): EventContext {
  const correlation = request.headers['x-correlation-id'];
  const principal = request.principal;
  return {
    actor: {
      userId: principal?.subject ?? 'anonymous',
      role: request.grant?.role ?? principal?.grants[0]?.role ?? 'user',
      onBehalfOf: null,
    },
    correlationId:
      typeof correlation === 'string' && IDENTIFIER.test(correlation) ? correlation : newEventId(),
    causationId: null,
    // The request's server span, so the relay and every consumer continue this trace.
    traceparent: traceparentOf(),
  };
}

/** `@Context() context: EventContext` in a controller. */
export const Context = createParamDecorator((_data: unknown, execution: ExecutionContext) =>
  eventContextOf(execution.switchToHttp().getRequest<AuthRequest>()),
);
