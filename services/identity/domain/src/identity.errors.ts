import { refusalsOf } from '@ejournal/decider';

/** The identity domain's refusals, with stable codes like `IDENTITY.ALREADY_ENROLLED`. */
export const refuse = refusalsOf('IDENTITY');
