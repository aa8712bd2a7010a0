import type { Decider } from './decider';

/**
 * Given / when / then for deciders: `given([events]).when(command).then([events])` or
 * `.thenRefuses(code)`. Used by the unit specs; pure like the deciders themselves.
 */
export function specify<C, E, S>(decider: Decider<C, E, S>) {
  return {
    given(history: E[]) {
      const state = history.reduce(decider.evolve, decider.initialState);
      return {
        when(command: C) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: E[]) {
              expect(run()).toEqual(expected);
            },
            thenRefuses(code: string) {
              expect(run).toThrow(expect.objectContaining({ code }));
            },
          };
        },
      };
    },
  };
}
