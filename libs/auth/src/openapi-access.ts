import { routeMetadata, type RegisteredRoute, type RouteAccess } from '@ejournal/http';
import { DEFAULT_PUBLIC_PATHS } from './auth.module';
import { GRANT_RULES, IS_PUBLIC, type GrantRule } from './decorators';

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

/**
 * How `AuthGuard` treats a route, for the OpenAPI document (`serveOpenApi`'s `access`):
 * `@Public()` and the public paths need no token; others answer 401, and 403 under `@RequireGrant`.
 */
export const documentAccess =
  (publicPaths: readonly string[] = DEFAULT_PUBLIC_PATHS) =>
  (route: RegisteredRoute): RouteAccess => {
    if (routeMetadata<boolean>(route, IS_PUBLIC) || publicPaths.includes(route.path))
      return { public: true, problems: [] };
    const rules = routeMetadata<GrantRule[]>(route, GRANT_RULES) ?? [];
    return {
      public: false,
      problems: [
        { status: 401, codes: UNAUTHORIZED },
        ...(rules.length > 0 ? [{ status: 403, codes: FORBIDDEN }] : []),
      ],
    };
  };
