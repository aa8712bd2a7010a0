import type { RoleGranted, RoleRevoked } from '@ejournal/contracts';
import { defineDecider, unreachable, type Fact } from '@ejournal/decider';
import { refuse } from '../identity.errors';
import { sameContent } from '../same-content';
import { ROLE_SCOPES, type Role, type StoredScope } from './role-scopes';

export type GrantsEvent = Fact<RoleGranted | RoleRevoked>;

export type GrantsCommand =
  | { type: 'GrantRole'; personId: string; grantId: string; role: Role; scope: StoredScope }
  | { type: 'RevokeRole'; personId: string; grantId: string };

export interface GrantsState {
  /** Grants in force by id. */
  grants: Record<string, { role: Role; scope: StoredScope }>;
}

/** Stream `grants-{personId}`. Granting what is already held changes nothing. */
export const grantsDecider = defineDecider<GrantsCommand, GrantsEvent, GrantsState>({
  initialState: { grants: {} },

  decide(command, state) {
    const { personId, grantId } = command;
    switch (command.type) {
      case 'GrantRole': {
        const { role, scope } = command;
        const held = Object.values(state.grants).some(
          (grant) => grant.role === role && sameContent(grant.scope, scope),
        );
        if (held) return [];
        if (!ROLE_SCOPES[role].includes(scope.kind)) {
          throw refuse.unprocessable(
            'IDENTITY.SCOPE_NOT_ALLOWED',
            `A ${role} is granted in a ${ROLE_SCOPES[role].join(' or ')}`,
          );
        }
        if (state.grants[grantId])
          throw refuse.conflict('IDENTITY.GRANT_EXISTS', 'This grant id is taken');
        return [{ type: 'RoleGranted', data: { grantId, personId, role, scope } }];
      }
      case 'RevokeRole':
        if (!state.grants[grantId])
          throw refuse.notFound('IDENTITY.UNKNOWN_GRANT', 'No such grant in force');
        return [{ type: 'RoleRevoked', data: { grantId, personId } }];
      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    const grants = { ...state.grants };
    switch (event.type) {
      case 'RoleGranted':
        grants[event.data.grantId] = { role: event.data.role, scope: event.data.scope };
        return { grants };
      case 'RoleRevoked':
        delete grants[event.data.grantId];
        return { grants };
      default:
        return unreachable(event);
    }
  },
});
