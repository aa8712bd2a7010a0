import type { Role } from '@ejournal/auth';

/** Who reads the catalogue: regional roles everywhere, a school's management in their school. */
export const RECORD_READERS: readonly Role[] = [
  'regional_operator',
  'auditor',
  'head',
  'deputy_head',
  'school_admin',
];

/** Who watches the integrity of every store: regional roles only (grants of the region). */
export const INTEGRITY_WATCHERS: readonly Role[] = ['regional_operator', 'auditor'];

/** The archive's bad-request code for every malformed path, query or body. */
export const INVALID_REQUEST = 'ARCHIVE.INVALID_REQUEST';
