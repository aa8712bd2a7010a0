import type { AuthRequest, Grant, ScopeTarget } from '@ejournal/auth';
import { scopeContains } from '@ejournal/auth';
import type { Caller } from '@ejournal/journal-domain';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The roles a principal holds over a target (a school, or a class of it). */
export function rolesOver(grants: readonly Grant[], target: ScopeTarget): string[] {
  const roles = grants.filter((grant) => scopeContains(grant.scope, target)).map((g) => g.role);
  return [...new Set(roles)].sort();
}

/** The verified caller with every grant, before the journal's school is known. */
export interface Requester {
  userId: string;
  grants: readonly Grant[];
}

export const CurrentRequester = createParamDecorator(
  (_data: unknown, execution: ExecutionContext): Requester => {
    const principal = execution.switchToHttp().getRequest<AuthRequest>().principal;
    return { userId: principal?.subject ?? 'anonymous', grants: principal?.grants ?? [] };
  },
);

export function callerAt(principal: Requester, target: ScopeTarget): Caller {
  return { userId: principal.userId, roles: rolesOver(principal.grants, target) };
}
