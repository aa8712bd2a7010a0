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
    // The request's server span (libs/http, continuing an incoming traceparent), so the relay
    // and every consumer continue this trace.
    traceparent: traceparentOf(),
  };
}

/** `@Context() context: EventContext` in a controller. */
export const Context = createParamDecorator((_data: unknown, execution: ExecutionContext) =>
  eventContextOf(execution.switchToHttp().getRequest<AuthRequest>()),
);

/** For acts of a service itself (bootstrap, an import's internal steps): `userId` names it. */
export function serviceContext(userId: string, role = 'service'): EventContext {
  return {
    actor: { userId, role, onBehalfOf: null },
    correlationId: newEventId(),
    causationId: null,
    traceparent: null,
  };
}

/** The context with the role that authorised a check made inside the handler. */
export function withRole(context: EventContext, role: string): EventContext {
  return { ...context, actor: { ...context.actor, role } };
}
