import type { AuthRequest } from './decorators';
import type { ScopeTarget } from './grants';

export const SCOPE_RESOLVER = Symbol('SCOPE_RESOLVER');

/**
 * Completes a route's target with its parents (a class's school, a school's region), from a
 * projection of identity's facts. Returning what it was given leaves only matching ids.
 * `request` is the authenticated request (its principal set): a resolver may keep on it what
 * it looked up, so the route does not look the same facts up again.
 */
export interface ScopeResolver {
  complete(target: ScopeTarget, request?: AuthRequest): Promise<ScopeTarget>;
}

/** One deployment serves one region: every target lies in it unless it names another. */
export function regionResolver(regionId: string): ScopeResolver {
  return { complete: async (target) => ({ regionId, ...target }) };
}
