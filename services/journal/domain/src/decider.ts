/** An event as a decider produces it: the handler adds the envelope (ids, tenant, actor). */
export interface Fact<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

/**
 * `decide(command, state) → events`, `evolve(state, event) → state`. Pure: time, ids and
 * outside facts arrive in the command, so a handler can re-run it after a version conflict.
 */
export interface Decider<C, E, S> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  /** Folds many events at the cost of one state copy; `evolve` copies per event. */
  evolveAll(state: S, events: readonly E[]): S;
  initialState: S;
}

export function fold<E, S>(
  decider: Pick<Decider<unknown, E, S>, 'evolveAll' | 'initialState'>,
  events: readonly E[],
  from?: S,
): S {
  return decider.evolveAll(from ?? decider.initialState, events);
}

export function unreachable(value: never): never {
  throw new Error(`Unhandled case ${JSON.stringify(value)}`);
}
