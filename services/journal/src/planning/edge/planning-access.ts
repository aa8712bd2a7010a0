import type { Role } from '@ejournal/auth';
import { AUTHORISERS, MANAGERS, READERS } from '../../edge/access';

/** Who sets the curriculum, bells, timetable and its changes: the school's managers. */
export const PLANNERS: Role[] = MANAGERS;
/** A substitution names a substitute on the journal too: head or deputy head (the journal's). */
export const SUBSTITUTERS: Role[] = AUTHORISERS;
/** Who reads a school's plan and timetable: every reader of its journals, and municipalities. */
export const PLAN_READERS: Role[] = [...READERS, 'municipal_operator'];
/** Who reads programme completion of a school. */
export const COMPLETION_READERS: Role[] = [
  'head',
  'deputy_head',
  'school_admin',
  'auditor',
  'municipal_operator',
  'regional_operator',
];
/** Who reads programme completion across the schools of their grants. */
export const OVERSEERS: Role[] = ['municipal_operator', 'regional_operator', 'auditor'];
