import { fold, type Decider } from './decider';
import type { EntryError, JournalErrorKind } from './journal-error';

/**
 * Given / when / then for deciders: `given([events]).when(command).then([events])` or
 * `.thenRefuses(code)`. With a table of kinds, a refusal is also checked for the kind its code
 * must have. Used by the unit specs; pure like the deciders themselves.
 */
export function specify<C, E, S>(
  decider: Decider<C, E, S>,
  kinds: Readonly<Record<string, JournalErrorKind>> = {},
) {
  return {
    given(history: E[]) {
      const state = fold(decider, history);
      return {
        state,
        when(command: C) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: E[]) {
              expect(run()).toEqual(expected);
            },
            thenRefuses(code: string) {
              const kind = kinds[code];
              expect(run).toThrow(expect.objectContaining(kind ? { code, kind } : { code }));
            },
            /** The column was refused, listing exactly these entries. */
            thenRefusesEntries(entries: Omit<EntryError, 'detail'>[]) {
              expect(run).toThrow(
                expect.objectContaining({
                  code: 'JOURNAL.COLUMN_REJECTED',
                  kind: 'unprocessable',
                  entries: entries.map((entry) => expect.objectContaining(entry)),
                }),
              );
            },
          };
        },
      };
    },
  };
}
