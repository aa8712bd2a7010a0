import { z } from 'zod';
import { identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';
import { grantScope, role } from './identity-fields';

/**
 * Stream `grants-{personId}`: a role in a scope. Which journal a teacher teaches is the
 * journal's fact, not a grant.
 */
export const RoleGrantedV1 = defineEvent({
  type: 'RoleGranted',
  schemaVersion: 1,
  data: z.strictObject({ grantId: identifier, personId: identifier, role, scope: grantScope }),
});

export const RoleRevokedV1 = defineEvent({
  type: 'RoleRevoked',
  schemaVersion: 1,
  data: z.strictObject({ grantId: identifier, personId: identifier }),
});

export type RoleGranted = EventOf<typeof RoleGrantedV1>;
export type RoleRevoked = EventOf<typeof RoleRevokedV1>;
