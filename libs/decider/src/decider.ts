/** An event as a decider produces it: the handler adds the envelope (ids, tenant, actor). */
export type Fact<E> = E extends { type: infer T; data: infer D } ? { type: T; data: D } : never;

/**
 * `decide(command, state) → events`, `evolve(state, event) → state`. Pure: time, ids and
 * outside facts arrive in the command, so a handler can re-run it after a version conflict.
 */
export interface Decider<C, E, S> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  /** Folds many events at the cost of one state copy; `evolve` may copy per event. */
  evolveAll(state: S, events: readonly E[]): S;
  /**
   * Folds events into `state` itself, without copying it: for a caller that owns the state and
   * drops it if what it folded is not recorded (the write path, which takes a stream's cached
   * state out of the cache for its turn). Without it, `evolveAll` is used.
   */
  evolveOwned?(state: S, events: readonly E[]): S;
  initialState: S;
}

/** A decider whose `evolve` is cheap enough to fold a stream one event at a time. */
export function defineDecider<C, E, S>(
  parts: Omit<Decider<C, E, S>, 'evolveAll'>,
): Decider<C, E, S> {
  return {
    ...parts,
    evolveAll: (state, events) =>
      events.reduce((folded, event) => parts.evolve(folded, event), state),
  };
}

/** The state after `events`, from the initial state or from a snapshot (`from`). */
export function fold<E, S>(
  decider: Pick<Decider<unknown, E, S>, 'evolveAll' | 'initialState'>,
  events: readonly E[],
  from?: S,
): S {
  return decider.evolveAll(from ?? decider.initialState, events);
}

/** The `default` of an exhaustive `switch`: a new case fails to compile where it is missed. */
export function unreachable(value: never): never {
  throw new Error(`Unhandled case ${JSON.stringify(value)}`);
}
