/** Nest injection tokens of the audit module. */
export const AUDIT_POOL = Symbol('AUDIT_POOL');
export const AUDIT_SERVICE = Symbol('AUDIT_SERVICE');
