import type { ConsentGiven, ConsentWithdrawn } from '@ejournal/contracts';
import { defineDecider, unreachable, type Fact } from '@ejournal/decider';
import { refuse } from '../identity.errors';

export type ConsentEvent = Fact<ConsentGiven | ConsentWithdrawn>;
export type ConsentPurpose = ConsentGiven['data']['purpose'];

export type ConsentCommand =
  | {
      type: 'GiveConsent';
      grantorId: string;
      subjectId: string;
      purpose: ConsentPurpose;
      consentId: string;
      at: string;
    }
  | {
      type: 'WithdrawConsent';
      grantorId: string;
      subjectId: string;
      purpose: ConsentPurpose;
      at: string;
    };

export interface ConsentState {
  /** `${subjectId} ${purpose}` → the consent in force. */
  active: Record<string, string>;
}

const key = (subjectId: string, purpose: ConsentPurpose) => `${subjectId} ${purpose}`;

/** Stream `consent-{grantorId}`: one consent in force per subject and purpose. */
export const consentDecider = defineDecider<ConsentCommand, ConsentEvent, ConsentState>({
  initialState: { active: {} },

  decide(command, state) {
    const { grantorId, subjectId, purpose, at } = command;
    const consentId = state.active[key(subjectId, purpose)];
    switch (command.type) {
      case 'GiveConsent':
        if (consentId) return [];
        return [
          {
            type: 'ConsentGiven',
            data: { consentId: command.consentId, grantorId, subjectId, purpose, givenAt: at },
          },
        ];
      case 'WithdrawConsent':
        if (!consentId) throw refuse.notFound('IDENTITY.NO_CONSENT', 'No such consent in force');
        return [
          {
            type: 'ConsentWithdrawn',
            data: { consentId, grantorId, subjectId, purpose, withdrawnAt: at },
          },
        ];
      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    const active = { ...state.active };
    const { subjectId, purpose } = event.data;
    switch (event.type) {
      case 'ConsentGiven':
        active[key(subjectId, purpose)] = event.data.consentId;
        return { active };
      case 'ConsentWithdrawn':
        delete active[key(subjectId, purpose)];
        return { active };
      default:
        return unreachable(event);
    }
  },
});
