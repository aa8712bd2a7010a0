import type { Role } from '@ejournal/auth';

/** Who may do what in the journal: roles per kind of act; scopes come from the journal. */
export const MANAGERS: Role[] = ['head', 'deputy_head', 'school_admin'];
/** Teachers write only their journals; the domain checks the assignment. */
export const WRITERS: Role[] = ['teacher', 'class_teacher', 'head', 'deputy_head', 'school_admin'];
export const AUTHORISERS: Role[] = ['head', 'deputy_head'];
/** Head, deputy head, class teacher and auditors read every journal of their scope. */
export const SCOPE_READERS: Role[] = [
  'head',
  'deputy_head',
  'school_admin',
  'class_teacher',
  'auditor',
  'regional_operator',
];
export const READERS: Role[] = [...SCOPE_READERS, 'teacher'];
