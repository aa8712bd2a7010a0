import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal } from './access-token';
import type { Grant, Role, ScopeTarget } from './grants';
import type { UnseenAnswer } from './unseen';

export const IS_PUBLIC = 'ejournal:auth:public';
export const GRANT_RULES = 'ejournal:auth:grant-rules';

/** The parts of a Fastify request the guard and scope functions read. */
export interface AuthRequest {
  method: string;
  url: string;
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string | undefined>;
  query: Record<string, unknown>;
  body: unknown;
  principal?: Principal;
  /** The grant that let the request through, when the route requires one. */
  grant?: Grant;
}

/**
 * What a route touches: one target, or several that must ALL be covered (a pupil of the body
 * and the class of the path). Each is completed by the service's scope resolver first.
 * `names` says what kinds of thing (or a route's own unseen answers) its targets name, so the
 * OpenAPI document lists what the guard answers for an id the caller cannot see.
 */
export type ScopeFrom = ((request: AuthRequest) => ScopeTarget | readonly ScopeTarget[]) & {
  readonly names?: readonly (string | UnseenAnswer)[];
};

const naming = (
  names: readonly (string | UnseenAnswer)[],
  from: (request: AuthRequest) => ScopeTarget | readonly ScopeTarget[],
): ScopeFrom => Object.assign(from, { names });

/** A route's own answer for its target, when the caller cannot see it (a taken chosen id). */
interface UnseenOption {
  unseen?: UnseenAnswer;
}

export interface GrantRule {
  roles: readonly Role[];
  scopeFrom: ScopeFrom | null;
}

/** No token needed: sign-in, JWKS, the OpenAPI document. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The caller needs one of `roles` in a scope containing what `scopeFrom` names. Stacked
 * decorators are alternatives: any one satisfied rule lets the request through. Without
 * `scopeFrom` the target is the deployment's region, which only region grants contain.
 */
export function RequireGrant(roles: Role | readonly Role[], scopeFrom?: ScopeFrom) {
  const rule: GrantRule = {
    roles: typeof roles === 'string' ? [roles] : roles,
    scopeFrom: scopeFrom ?? null,
  };
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder: object = descriptor?.value ?? target;
    const rules: GrantRule[] = Reflect.getMetadata(GRANT_RULES, holder) ?? [];
    Reflect.defineMetadata(GRANT_RULES, [...rules, rule], holder);
  };
}

/** Ids a request carries under `name`: a string, or each string of an array; nothing else. */
function idsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

const bodyField = (request: AuthRequest, name: string): unknown =>
  request.body !== null && typeof request.body === 'object'
    ? (request.body as Record<string, unknown>)[name]
    : undefined;

const asTargets = (found: ScopeTarget | readonly ScopeTarget[]): readonly ScopeTarget[] =>
  Array.isArray(found) ? found : [found as ScopeTarget];

/**
 * Scope functions for the common routes. Every id a request names that belongs to a school
 * (a pupil, a class, a group, a journal) should be one of the route's targets, so that an id
 * of another school in a body is refused like one in the path.
 */
export const scopeFrom = {
  schoolParam: (name = 'schoolId'): ScopeFrom =>
    naming(['school'], (request) => ({ schoolId: request.params[name] ?? '' })),
  classParam: (name = 'classId'): ScopeFrom =>
    naming(['class'], (request) => ({ classId: request.params[name] ?? '' })),
  schoolQuery: (name = 'schoolId'): ScopeFrom =>
    naming(['school'], (request) => ({ schoolId: String(request.query[name] ?? '') })),
  /** A route param naming a service's resource; the service's resolver places it. */
  resourceParam: (kind: string, name: string, options: UnseenOption = {}): ScopeFrom =>
    naming([options.unseen ?? kind], (request) => ({
      resource: { kind, id: request.params[name] ?? '' },
      ...(options.unseen ? { unseen: options.unseen } : {}),
    })),
  /**
   * A body field naming resources (an id, or an array of ids): one target each. An absent or
   * malformed field adds none; the body's validation refuses it before the handler runs. With
   * `inBodySchool`, each target starts in the school that body field names: a resolver that
   * does not know the id (facts still on their way, an id being created) leaves it there.
   */
  bodyResource: (
    kind: string,
    name: string,
    options: { inBodySchool?: string } & UnseenOption = {},
  ): ScopeFrom =>
    naming([options.unseen ?? kind], (request) => {
      const [schoolId] = options.inBodySchool
        ? idsIn(bodyField(request, options.inBodySchool))
        : [];
      return idsIn(bodyField(request, name)).map((id) => ({
        ...(schoolId ? { schoolId } : {}),
        resource: { kind, id },
        ...(options.unseen ? { unseen: options.unseen } : {}),
      }));
    }),
  /** A query parameter naming a resource (a filter by a person, say); absent adds none. */
  queryResource: (kind: string, name: string): ScopeFrom =>
    naming([kind], (request) =>
      idsIn(request.query[name]).map((id) => ({ resource: { kind, id } })),
    ),
  /** A body field naming a school. */
  bodySchool: (name = 'schoolId'): ScopeFrom =>
    naming(['school'], (request) =>
      idsIn(bodyField(request, name)).map((schoolId) => ({ schoolId })),
    ),
  /** A body field naming a class. */
  bodyClass: (name = 'classId'): ScopeFrom =>
    naming(['class'], (request) => idsIn(bodyField(request, name)).map((classId) => ({ classId }))),
  /** Every target of every part must be covered. */
  all: (...parts: ScopeFrom[]): ScopeFrom =>
    naming(
      parts.flatMap((part) => part.names ?? []),
      (request) => parts.flatMap((part) => asTargets(part(request))),
    ),
  /** A route's own scope function, with the kinds of thing its targets name. */
  naming,
};

/** The verified caller of this request. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<AuthRequest>().principal,
);

/** The grant that authorised this request (its role is the actor's role in the record). */
export const CurrentGrant = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<AuthRequest>().grant,
);
