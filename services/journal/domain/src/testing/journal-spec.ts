import type { Decider, RefusalKind } from '@ejournal/decider';
import { specify as specifyDecider } from '@ejournal/decider/testing';
import { COLUMN_REJECTED } from '../journal.errors';

/** The kit's given / when / then, checking each refusal's kind and a refused column's code. */
export const specify = <C, E, S>(
  decider: Decider<C, E, S>,
  kinds: Readonly<Record<string, RefusalKind>>,
) => specifyDecider(decider, { kinds, batchCode: COLUMN_REJECTED });
