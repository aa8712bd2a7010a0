import { useEffect, useState } from 'preact/hooks';
import { call } from '../../api/http';

export interface SchoolPolicy {
  correctionWindowDays: number;
  orderRequired: boolean;
  afterWindowAuthorisedBy: string[];
  workTypeWeights: { workType: string; weight: number }[];
}

const policies = new Map<string, Promise<SchoolPolicy | null>>();

/** The school's rules in force today (R12): what the grid offers and the panel explains. */
export function policyOf(schoolId: string): Promise<SchoolPolicy | null> {
  let known = policies.get(schoolId);
  if (!known) {
    known = call<SchoolPolicy>(
      'identity',
      'GET',
      `/schools/${encodeURIComponent(schoolId)}/policies/current`,
    ).catch(() => null);
    policies.set(schoolId, known);
  }
  return known;
}

/** The school's work types and their weights, in the order the policy lists them. */
export function useWorkTypes(schoolId: string | null): Map<string, number> {
  const [types, setTypes] = useState(new Map<string, number>());
  useEffect(() => {
    if (schoolId)
      void policyOf(schoolId).then((policy) =>
        setTypes(new Map((policy?.workTypeWeights ?? []).map((w) => [w.workType, w.weight]))),
      );
  }, [schoolId]);
  return types;
}
