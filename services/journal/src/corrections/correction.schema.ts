import { correctionFields } from '@ejournal/contracts';
import { z } from 'zod';

/** Why, under which order (when one is required), and the cell revision the client saw. */
export const authorisation = z.strictObject({
  reason: correctionFields.reason,
  orderRef: correctionFields.orderRef.default(null),
});

export const revision = z.number().int().min(0);
