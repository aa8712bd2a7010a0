import type { Role } from '@ejournal/auth';

/**
 * Who places and releases legal holds: the head of the record's school, the regional operator
 * (for an inspection or a court's request of the region).
 */
export const HOLD_KEEPERS: readonly Role[] = ['head', 'regional_operator'];

/**
 * The records officer, who drafts and executes disposal acts: the platform has no role of that
 * name, so the school's administrator (`school_admin`) keeps the school's records, and the
 * regional operator may act for the region.
 */
export const RECORDS_OFFICERS: readonly Role[] = ['school_admin', 'regional_operator'];

/** Approvals: the head for the school, the regional operator for the regional archive. */
export const APPROVER_ROLES = { head: 'head', regional_archive: 'regional_operator' } as const;
