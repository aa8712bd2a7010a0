import type { SchoolPolicyPublished } from '@ejournal/contracts';
import type { SchoolPolicy } from './identity-facts.port';

/**
 * The policy a command reads, from the event's data as stored: exactly the port's fields, so a
 * later schema version's additions do not leak into decisions until the port names them.
 */
export function schoolPolicyOf(data: SchoolPolicyPublished['data']): SchoolPolicy {
  return {
    policyVersion: data.policyVersion,
    effectiveFrom: data.effectiveFrom,
    correctionWindowDays: data.correctionWindowDays,
    afterWindowAuthorisedBy: data.afterWindowAuthorisedBy,
    afterPeriodClosedAuthorisedBy: data.afterPeriodClosedAuthorisedBy,
    orderRequired: data.orderRequired,
    markScales: data.markScales,
    workTypeWeights: data.workTypeWeights.map(({ workType, weight }) => ({ workType, weight })),
    averaging: {
      method: data.averaging.method,
      decimals: data.averaging.decimals,
      rounding: data.averaging.rounding,
    },
  };
}
