import type { RecordedEvent } from '@ejournal/contracts';
import type { Decider } from '@ejournal/decider';
import type { EventStore } from '@ejournal/event-store';

/** A decided or recorded event as the deciders fold it: with its id and author when known. */
export interface FoldedFact {
  type: string;
  data: unknown;
  eventId?: string;
  actorId?: string;
}

export interface Loaded<S> {
  state: S;
  version: number;
}

/** What folding a stream needs of a decider. */
export type Folding<E, S> = Pick<
  Decider<unknown, E, S>,
  'evolveAll' | 'initialState' | 'evolveOwned'
>;

export interface LoadOptions {
  /**
   * The caller takes the state for its own (the write path, in the stream's turn): a cache
   * hands over its object and forgets it until `remember`, so the caller may fold into it.
   * Without it, a caller gets a state no one else will change.
   */
  take?: boolean;
}

export const factOf = (event: RecordedEvent): FoldedFact => ({
  type: event.type,
  data: event.data,
  eventId: event.eventId,
  actorId: event.actor.userId,
});

/**
 * Where the write path gets a stream's state before deciding, and tells what it appended (a
 * service may keep states in a cache or snapshots; it must never miss another replica's append).
 */
export interface StreamStates {
  load<E, S>(streamId: string, decider: Folding<E, S>, options?: LoadOptions): Promise<Loaded<S>>;
  /** After a successful append: the state at the new version. */
  remember<S>(streamId: string, loaded: Loaded<S>, previousVersion: number): Promise<void>;
  /** After a failed or duplicate append: what is known of the stream may be stale. */
  forget(streamId: string): void;
}

/** Every command folds its stream from the first event: for short streams. */
export class FoldedStreams implements StreamStates {
  constructor(private readonly store: EventStore) {}

  async load<E, S>(streamId: string, decider: Folding<E, S>): Promise<Loaded<S>> {
    const history = await this.store.readStream(streamId);
    const facts = history.map(factOf) as E[];
    return { state: decider.evolveAll(decider.initialState, facts), version: history.length };
  }

  async remember(): Promise<void> {
    // Nothing is kept: the next command folds the stream again.
  }

  forget(): void {
    // Nothing is kept, so nothing goes stale.
  }
}
