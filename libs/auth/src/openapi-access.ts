import {
  problemOfKind,
  routeMetadata,
  type ProblemDoc,
  type RegisteredRoute,
  type RouteAccess,
} from '@ejournal/http';
import { DEFAULT_PUBLIC_PATHS } from './auth.module';
import { GRANT_RULES, IS_PUBLIC, type GrantRule } from './decorators';
import { UNKNOWN_TARGET, type UnseenAnswers } from './unseen';

/** What `TokenVerifier` and the guard answer a request without a valid token with. */
const UNAUTHORIZED = [
  'AUTH.TOKEN_MISSING',
  'AUTH.TOKEN_INVALID',
  'AUTH.TOKEN_EXPIRED',
  'AUTH.TOKEN_WRONG_AUDIENCE',
  'AUTH.TOKEN_WRONG_ISSUER',
  'AUTH.UNKNOWN_KEY',
];
/** What the guard answers when no grant holds a required role over the route's target. */
const FORBIDDEN = ['AUTH.ROLE_REQUIRED', 'AUTH.OUT_OF_SCOPE'];

/** What the guard answers for the ids a route's rules name, when the caller cannot see one. */
function unseenProblems(rules: readonly GrantRule[], unseen: UnseenAnswers): ProblemDoc[] {
  return rules.flatMap((rule) =>
    (rule.scopeFrom?.names ?? []).map((name) => {
      const answer = typeof name === 'string' ? (unseen[name] ?? UNKNOWN_TARGET) : name;
      const problem = problemOfKind(answer.kind, answer.code, answer.detail);
      return { status: problem.status, codes: [answer.code] };
    }),
  );
}

/**
 * How `AuthGuard` treats a route, for the OpenAPI document (`serveOpenApi`'s `access`):
 * `@Public()` and the public paths need no token; others answer 401, and under `@RequireGrant`
 * 403 and what the service answers for an unknown id of each kind the route names (`unseen`,
 * as given to `AuthModule`).
 */
export const documentAccess =
  ({
    publicPaths = DEFAULT_PUBLIC_PATHS,
    unseen = {},
  }: { publicPaths?: readonly string[]; unseen?: UnseenAnswers } = {}) =>
  (route: RegisteredRoute): RouteAccess => {
    if (routeMetadata<boolean>(route, IS_PUBLIC) || publicPaths.includes(route.path))
      return { public: true, problems: [] };
    const rules = routeMetadata<GrantRule[]>(route, GRANT_RULES) ?? [];
    return {
      public: false,
      problems: [
        { status: 401, codes: UNAUTHORIZED },
        ...(rules.length > 0 ? [{ status: 403, codes: FORBIDDEN }] : []),
        ...unseenProblems(rules, unseen),
      ],
    };
  };
