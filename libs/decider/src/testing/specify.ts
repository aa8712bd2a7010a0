import { fold, type Decider } from '../decider';
import type { RefusalKind, RefusedEntry } from '../refusal';

/** What the specs know of a domain's refusals. */
export interface RefusalExpectations {
  /** The kind each code must have: a refusal with a listed code is checked for its kind too. */
  kinds?: Readonly<Record<string, RefusalKind>>;
  /** The code of a batch refused as a whole, which `thenRefusesEntries` expects. */
  batchCode?: string;
}

/** A refused entry as a spec names it: its code and what identifies it (say `pupilId`). */
type ExpectedEntry = Omit<RefusedEntry, 'detail'> & Record<string, unknown>;

/**
 * Given / when / then for deciders: `given([events]).when(command).then([events])`,
 * `.thenRefuses(code)` or `.thenRefusesEntries([entries])`. Uses jest's `expect`: for specs only.
 */
export function specify<C, E, S>(decider: Decider<C, E, S>, refusals: RefusalExpectations = {}) {
  const { kinds = {}, batchCode } = refusals;
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
            /** The batch was refused, listing exactly these entries. */
            thenRefusesEntries(entries: ExpectedEntry[]) {
              expect(run).toThrow(
                expect.objectContaining({
                  code: batchCode ?? expect.any(String),
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
