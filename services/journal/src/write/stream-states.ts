import type { EventStore } from '@ejournal/event-store';
import {
  factOf,
  type Folding,
  type Loaded,
  type LoadOptions,
  type StreamStates as StreamStatesPort,
} from '@ejournal/write-path';
import { Inject, Injectable } from '@nestjs/common';
import type { JournalConfig } from '../config';
import { EVENT_STORE, JOURNAL_CONFIG } from '../infrastructure/tokens';

/** Bumped when a decider's state changes shape: older snapshots are then ignored. */
const STATE_FORMAT = 1;
const CACHED_STREAMS = 2_000;

/**
 * Streams' states without folding a whole year per command: an in-memory cache keyed by
 * stream version, then the latest snapshot, then the store; in every case the events after
 * that version are read, so another replica's appends are never missed. The write path takes
 * a cached state for its turn (`take`: out of the cache, folded into in place, remembered
 * again once appended); any other reader gets its own copy, made before anything is awaited,
 * so no fold in place can reach it.
 */
@Injectable()
export class StreamStates implements StreamStatesPort {
  private readonly cache = new Map<string, Loaded<unknown>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(JOURNAL_CONFIG) private readonly config: JournalConfig,
  ) {}

  async load<E, S>(
    streamId: string,
    decider: Folding<E, S>,
    { take = false }: LoadOptions = {},
  ): Promise<Loaded<S>> {
    const cached = this.cache.get(streamId) as Loaded<S> | undefined;
    if (cached && take) this.cache.delete(streamId);
    // A state no one else holds: taken from the cache, a copy of it, a snapshot just read, or
    // a copy of the initial state (shared by every stream).
    const own = (loaded: Loaded<S>) => ({
      state: decider.evolveAll(loaded.state, []),
      version: loaded.version,
    });
    const base =
      (cached && (take ? cached : own(cached))) ??
      (await this.snapshot<S>(streamId)) ??
      own({ state: decider.initialState, version: 0 });
    const tail = await this.store.readStream(streamId, { from: base.version + 1 });
    if (tail.length === 0) return base;
    const evolve = decider.evolveOwned ?? decider.evolveAll;
    const loaded = {
      state: evolve(base.state, tail.map(factOf) as E[]),
      version: base.version + tail.length,
    };
    if (!take) await this.remember(streamId, own(loaded), base.version);
    return loaded;
  }

  /** Keeps the state after a successful append; snapshots it when it crossed a boundary. */
  async remember<S>(streamId: string, loaded: Loaded<S>, previousVersion: number): Promise<void> {
    this.cache.delete(streamId);
    this.cache.set(streamId, loaded);
    if (this.cache.size > CACHED_STREAMS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    const every = this.config.SNAPSHOT_EVERY;
    if (Math.floor(loaded.version / every) > Math.floor(previousVersion / every)) {
      await this.store.saveSnapshot(streamId, loaded.version, {
        format: STATE_FORMAT,
        state: loaded.state,
      });
    }
  }

  forget(streamId: string): void {
    this.cache.delete(streamId);
  }

  private async snapshot<S>(streamId: string): Promise<Loaded<S> | null> {
    const snapshot = await this.store.loadSnapshot<{ format: number; state: S }>(streamId);
    if (!snapshot || snapshot.state.format !== STATE_FORMAT) return null;
    return { state: snapshot.state.state, version: snapshot.version };
  }
}
