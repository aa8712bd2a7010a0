import type { SchoolPolicyPublished } from '@ejournal/contracts';
import { sameContent } from '../same-content';

export type SchoolPolicy = SchoolPolicyPublished['data'];
/** A policy as an administrator writes it: the school and the version are the decider's. */
export type PolicyDraft = Omit<SchoolPolicy, 'schoolId' | 'policyVersion'>;

/** Publishing the rules already in force changes nothing. */
export function samePolicy(current: SchoolPolicy, draft: PolicyDraft): boolean {
  const { schoolId, policyVersion } = current;
  return sameContent(current, { ...draft, schoolId, policyVersion });
}
