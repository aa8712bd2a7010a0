import type { NewEvent } from '@ejournal/contracts';

/** An event as a decider produces it: the handler adds the envelope (ids, tenant, actor). */
export type Fact<E> = E extends NewEvent<infer T, infer D> ? { type: T; data: D } : never;

/**
 * `decide(command, state) → events`, `evolve(state, event) → state`. Pure: time, ids and
 * outside facts arrive in the command, so a handler can re-run it after a version conflict.
 */
export interface Decider<C, E, S> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState: S;
}

export function fold<E, S>(
  decider: Pick<Decider<unknown, E, S>, 'evolve' | 'initialState'>,
  events: readonly E[],
): S {
  return events.reduce(decider.evolve, decider.initialState);
}

export function unreachable(value: never): never {
  throw new Error(`Unhandled case ${JSON.stringify(value)}`);
}
