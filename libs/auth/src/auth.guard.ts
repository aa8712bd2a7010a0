import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenProblem, problemOfKind, UnauthorizedProblem } from '@ejournal/http';
import type { Principal } from './access-token';
import { AUTHZ_AUDIT, type AuthzAudit } from './authz-audit';
import { GRANT_RULES, IS_PUBLIC, type AuthRequest, type GrantRule } from './decorators';
import { findGrant, findGrantsForAll, type ScopeTarget } from './grants';
import { SCOPE_RESOLVER, type ScopeResolver } from './scope-resolver';
import { TokenVerifier } from './token-verifier';
import { seesTarget, unseenAnswerOf, type UnseenAnswers } from './unseen';

export const AUTH_PUBLIC_PATHS = Symbol('AUTH_PUBLIC_PATHS');
export const UNSEEN_ANSWERS = Symbol('UNSEEN_ANSWERS');

/**
 * Authentication on every route but the public ones, then role and scope: the caller passes
 * when one grant holds a required role over the route's target. A refusal never tells whether
 * an id exists where the caller holds nothing: a target the caller cannot see is answered as
 * the service answers an unknown id (404 and the kind's code); one it can see, 403. Denials
 * are audited either way.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(SCOPE_RESOLVER) private readonly resolver: ScopeResolver,
    @Inject(AUTHZ_AUDIT) private readonly audit: AuthzAudit,
    @Inject(AUTH_PUBLIC_PATHS) private readonly publicPaths: readonly string[],
    @Inject(UNSEEN_ANSWERS) private readonly unseen: UnseenAnswers,
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
    const uncovered: { rule: GrantRule; target: ScopeTarget }[] = [];
    for (const rule of rules) {
      const targets = await this.targetsOf(rule, request);
      const grants = findGrantsForAll(principal.grants, rule.roles, targets);
      if (grants) {
        request.grant = grants[0];
        return true;
      }
      for (const target of targets)
        if (!findGrant(principal.grants, rule.roles, target)) uncovered.push({ rule, target });
    }
    throw this.deny(principal, request, rules, uncovered);
  }

  /** Every target the rule names, each completed with its parents; none means the region. */
  private async targetsOf(rule: GrantRule, request: AuthRequest): Promise<ScopeTarget[]> {
    const named = rule.scopeFrom?.(request) ?? {};
    const list: readonly ScopeTarget[] = Array.isArray(named) ? named : [named as ScopeTarget];
    return Promise.all(
      (list.length > 0 ? list : [{}]).map((target) => this.resolver.complete(target, request)),
    );
  }

  /**
   * No required role anywhere: 403 `AUTH.ROLE_REQUIRED`, whatever the ids. Otherwise, among
   * the targets the rules of the caller's roles leave uncovered, the first one the caller
   * cannot see is answered as unknown; when it sees them all, 403 `AUTH.OUT_OF_SCOPE`.
   */
  private deny(
    principal: Principal,
    request: AuthRequest,
    rules: GrantRule[],
    uncovered: { rule: GrantRule; target: ScopeTarget }[],
  ) {
    const required = rules.flatMap((rule) => rule.roles);
    const holds = (rule: GrantRule) =>
      principal.grants.some((grant) => rule.roles.includes(grant.role));
    const audited = (reason: string, target: ScopeTarget, answered = reason) =>
      this.audit.denied({
        subject: principal.subject,
        kind: principal.kind,
        method: request.method,
        url: request.url,
        reason,
        answered,
        required,
        target,
      });
    if (!rules.some(holds)) {
      audited('AUTH.ROLE_REQUIRED', uncovered[0]?.target ?? {});
      return new ForbiddenProblem(
        'AUTH.ROLE_REQUIRED',
        `This needs one of the roles: ${required.join(', ')}`,
      );
    }
    const targets = uncovered.filter(({ rule }) => holds(rule)).map(({ target }) => target);
    const unseen = targets.find((target) => !seesTarget(principal.grants, target));
    if (unseen) {
      const answer = unseenAnswerOf(unseen, this.unseen);
      audited('AUTH.OUT_OF_SCOPE', unseen, answer.code);
      return problemOfKind(answer.kind, answer.code, answer.detail);
    }
    audited('AUTH.OUT_OF_SCOPE', targets[0] ?? {});
    return new ForbiddenProblem(
      'AUTH.OUT_OF_SCOPE',
      'Your grants in this school do not cover this school, class or record',
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
