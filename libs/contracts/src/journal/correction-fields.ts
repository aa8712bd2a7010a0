import { z } from 'zod';
import { freeText, identifier } from '../envelope/field-schemas';

/**
 * What every correction records: why, who authorised it and under which order when policy
 * required that (after the author's window or a closed period), and the policy version applied.
 */
export const correctionFields = {
  reason: freeText(500),
  authorisedBy: identifier.nullable(),
  orderRef: freeText(100).nullable(),
  policyVersion: z.number().int().min(1),
};
