import { IDENTITY_ROLES } from '@ejournal/contracts';
import { z } from 'zod';
import type { UnseenAnswer } from './unseen';

/** Every role of the platform, as identity's events name them; a grant pairs one with a scope. */
export const ROLES = IDENTITY_ROLES;
export type Role = (typeof ROLES)[number];

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be an id');

export const grantScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('region'), id }),
  z.strictObject({ kind: z.literal('school'), id }),
  z.strictObject({ kind: z.literal('class'), id, schoolId: id }),
]);
export type GrantScope = z.infer<typeof grantScopeSchema>;

export const grantSchema = z.strictObject({ role: z.enum(ROLES), scope: grantScopeSchema });
export type Grant = z.infer<typeof grantSchema>;

/**
 * What a request touches, as far as the route knows it. The guard completes missing parents
 * (a class's school, a school's region) through the scope resolver before checking.
 */
export interface ScopeTarget {
  regionId?: string;
  schoolId?: string;
  classId?: string;
  /**
   * A thing of a service (a journal) that the service's scope resolver places in its school
   * and class; grants never name it, so it never matches by itself.
   */
  resource?: { kind: string; id: string };
  /**
   * Further schools the target lies in (a person who works in two schools): a school grant
   * over any of them contains it. Set by a scope resolver, never by a route.
   */
  alsoInSchools?: readonly string[];
  /**
   * How the route answers this target when the caller cannot see it, where that is not the
   * service's answer for the kind (a chosen id that is taken: 409). Set by a route.
   */
  unseen?: UnseenAnswer;
  /**
   * The service does not know the id: the school it lies in is only what the request claims
   * (kept so a thing being created is covered there), and nobody sees it. Set by a resolver.
   */
  unknown?: boolean;
}

/** Whether one grant's scope contains the target: region ⊃ school ⊃ class. */
export function scopeContains(scope: GrantScope, target: ScopeTarget): boolean {
  switch (scope.kind) {
    case 'region':
      return target.regionId === scope.id;
    case 'school':
      return target.schoolId === scope.id || (target.alsoInSchools?.includes(scope.id) ?? false);
    case 'class':
      return (
        target.classId === scope.id &&
        (target.schoolId === undefined || target.schoolId === scope.schoolId)
      );
    default: {
      const unknown: never = scope;
      throw new Error(`Unknown scope ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * For each target, a grant holding one of the roles over it (grants may differ per target: a
 * municipal operator holds one per school); undefined when any target is not covered.
 */
export function findGrantsForAll(
  grants: readonly Grant[],
  roles: readonly Role[],
  targets: readonly ScopeTarget[],
): Grant[] | undefined {
  const found: Grant[] = [];
  for (const target of targets) {
    const grant = findGrant(grants, roles, target);
    if (!grant) return undefined;
    found.push(grant);
  }
  return found;
}

/** The first grant holding one of the roles over the target, if any. */
export function findGrant(
  grants: readonly Grant[],
  roles: readonly Role[],
  target: ScopeTarget,
): Grant | undefined {
  return grants.find((grant) => roles.includes(grant.role) && scopeContains(grant.scope, target));
}

/** The schools a principal holds any of the roles in (region grants are returned apart). */
export function schoolsWithRole(grants: readonly Grant[], roles: readonly Role[]) {
  const held = grants.filter((grant) => roles.includes(grant.role));
  return {
    regions: held.flatMap((grant) => (grant.scope.kind === 'region' ? [grant.scope.id] : [])),
    schools: held.flatMap((grant) =>
      grant.scope.kind === 'school'
        ? [grant.scope.id]
        : grant.scope.kind === 'class'
          ? [grant.scope.schoolId]
          : [],
    ),
  };
}
