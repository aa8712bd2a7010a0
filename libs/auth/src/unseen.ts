import type { RefusalKind } from '@ejournal/http';
import type { Grant, ScopeTarget } from './grants';

/**
 * How a service answers an id it does not know (404 with the kind's NOT_FOUND code, mostly).
 * The guard answers an id the caller cannot see the same way, so an answer never tells
 * whether an id exists in a school the caller holds nothing in.
 */
export interface UnseenAnswer {
  kind: Exclude<RefusalKind, 'validation' | 'forbidden'>;
  code: string;
  detail: string;
}

/** Answers by kind of target: `school`, `class`, or a resource kind (`journal`, `pupil`). */
export type UnseenAnswers = Readonly<Record<string, UnseenAnswer>>;

export const notFound = (code: string, detail: string): UnseenAnswer => ({
  kind: 'not_found',
  code,
  detail,
});

/** What a service that names no answer for a kind says. */
export const UNKNOWN_TARGET = notFound('AUTH.NOT_FOUND', 'There is no such thing');

/** The kind of thing a target names; none for the region itself (a route without scope). */
export function kindOf(target: ScopeTarget): string | undefined {
  if (target.resource) return target.resource.kind;
  if (target.classId) return 'class';
  return target.schoolId ? 'school' : undefined;
}

export function unseenAnswerOf(target: ScopeTarget, answers: UnseenAnswers): UnseenAnswer {
  const kind = kindOf(target);
  return target.unseen ?? (kind ? answers[kind] : undefined) ?? UNKNOWN_TARGET;
}

const schoolOf = (grant: Grant) =>
  grant.scope.kind === 'class' ? grant.scope.schoolId : grant.scope.id;

/**
 * Whether the caller may know the target exists: it lies in a school where the caller holds
 * any grant (any role), or in the region of a region grant. An id the service does not know
 * (it lies nowhere, or only where the request claims) is seen by nobody; the region itself by
 * everyone.
 */
export function seesTarget(grants: readonly Grant[], target: ScopeTarget): boolean {
  if (kindOf(target) === undefined) return true;
  if (target.unknown) return false;
  const schools = [target.schoolId, ...(target.alsoInSchools ?? [])].filter(Boolean);
  if (schools.length === 0) return false;
  return grants.some((grant) =>
    grant.scope.kind === 'region'
      ? grant.scope.id === target.regionId
      : schools.includes(schoolOf(grant)),
  );
}
