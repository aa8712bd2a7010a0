import type { Role } from '@ejournal/auth';

/** Who may do what in identity: roles per kind of act; scopes come from the routes. */
export const REGION_OPERATORS: Role[] = ['regional_operator'];
export const SCHOOL_MANAGERS: Role[] = ['school_admin', 'head', 'regional_operator'];
export const SCHOOL_STAFF: Role[] = [
  'school_admin',
  'head',
  'deputy_head',
  'teacher',
  'class_teacher',
  'regional_operator',
  'auditor',
];
/** Everyone who belongs to a school reads its calendar and rules (R12). */
export const SCHOOL_MEMBERS: Role[] = [
  ...SCHOOL_STAFF,
  'parent',
  'pupil',
  'municipal_operator',
  'service',
];
/** Auditors and school administrators read the access log of personal data. */
export const ACCESS_LOG_READERS: Role[] = ['school_admin', 'auditor', 'regional_operator'];
/** Roles that see every person of the region. */
export const REGION_WIDE: Role[] = ['regional_operator', 'auditor', 'service'];
