import type { Caller } from './journal.facts';
import { refuse } from './journal.errors';

/** Who runs a school's journals: opens them, assigns teachers, closes periods. */
export const MANAGERS = ['head', 'deputy_head', 'school_admin'] as const;

/** Who may act under an order: name substitutes, reopen periods, correct summary marks. */
export const AUTHORISERS = ['head', 'deputy_head'] as const;

export const holdsAny = (caller: Caller, roles: readonly string[]) =>
  caller.roles.some((role) => roles.includes(role));

export function requireRole(caller: Caller, roles: readonly string[], action: string): void {
  if (!holdsAny(caller, roles)) {
    throw refuse.forbidden('JOURNAL.FORBIDDEN', `Only ${roles.join(', ')} may ${action}`);
  }
}
