import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenProblem, UnauthorizedProblem } from '@ejournal/http';
import type { Principal } from './access-token';
import { AUTHZ_AUDIT, type AuthzAudit } from './authz-audit';
import { GRANT_RULES, IS_PUBLIC, type AuthRequest, type GrantRule } from './decorators';
import { findGrant, findGrantsForAll, type ScopeTarget } from './grants';
import { SCOPE_RESOLVER, type ScopeResolver } from './scope-resolver';
import { TokenVerifier } from './token-verifier';

export const AUTH_PUBLIC_PATHS = Symbol('AUTH_PUBLIC_PATHS');

/**
 * Authentication on every route but the public ones, then role and scope: the caller passes
 * when one grant holds a required role over the route's target. Denials are audited.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(SCOPE_RESOLVER) private readonly resolver: ScopeResolver,
    @Inject(AUTHZ_AUDIT) private readonly audit: AuthzAudit,
    @Inject(AUTH_PUBLIC_PATHS) private readonly publicPaths: readonly string[],
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.publicPaths.includes(request.url.split('?')[0] ?? '')) return true;
    const principal = await this.verifier.verify(bearerToken(request));
    request.principal = principal;
    const rules = this.reflector.getAllAndOverride<GrantRule[]>(GRANT_RULES, targets) ?? [];
    if (rules.length === 0) return true;
    let uncovered: ScopeTarget = {};
    for (const rule of rules) {
      const targets = await this.targetsOf(rule, request);
      const grants = findGrantsForAll(principal.grants, rule.roles, targets);
      if (grants) {
        request.grant = grants[0];
        return true;
      }
      if (rule === rules[0])
        uncovered =
          targets.find((target) => !findGrant(principal.grants, rule.roles, target)) ?? {};
    }
    throw this.deny(principal, request, rules, uncovered);
  }

  /** Every target the rule names, each completed with its parents; none means the region. */
  private async targetsOf(rule: GrantRule, request: AuthRequest): Promise<ScopeTarget[]> {
    const named = rule.scopeFrom?.(request) ?? {};
    const list: readonly ScopeTarget[] = Array.isArray(named) ? named : [named as ScopeTarget];
    return Promise.all(
      (list.length > 0 ? list : [{}]).map((target) => this.resolver.complete(target)),
    );
  }

  private deny(
    principal: Principal,
    request: AuthRequest,
    rules: GrantRule[],
    target: ScopeTarget,
  ) {
    const required = rules.flatMap((rule) => rule.roles);
    const hasRole = principal.grants.some((grant) => required.includes(grant.role));
    const reason = hasRole ? 'AUTH.OUT_OF_SCOPE' : 'AUTH.ROLE_REQUIRED';
    this.audit.denied({
      subject: principal.subject,
      kind: principal.kind,
      method: request.method,
      url: request.url,
      reason,
      required,
      target,
    });
    return new ForbiddenProblem(
      reason,
      hasRole
        ? 'None of your grants covers this school or class'
        : `This needs one of the roles: ${required.join(', ')}`,
    );
  }
}

function bearerToken(request: AuthRequest): string {
  const header = request.headers['authorization'];
  const match = typeof header === 'string' ? /^Bearer ([\w.~+/-]+=*)$/i.exec(header) : null;
  if (!match?.[1]) {
    throw new UnauthorizedProblem(
      'AUTH.TOKEN_MISSING',
      'Send an access token as Authorization: Bearer',
    );
  }
  return match[1];
}
