import { planningStreamId, thematicStreamId } from '@ejournal/contracts';
import type { EventStore } from '@ejournal/event-store';
import { factOf, WritePath, type Folding } from '@ejournal/write-path';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { planningDecider } from '../domain/planning.decider';
import type { PlanningState } from '../domain/planning.state';
import { thematicDecider, type ThematicState } from '../domain/thematic.decider';

export interface Versioned<S> {
  state: S;
  version: number;
}

/** Streams whose state is kept for reads: a school year's planning, or a journal's plan. */
const KEPT = 1_000;

/**
 * The planning streams' states for reading, as recorded: a stream read before is kept here at
 * its version and only the events recorded after it are read (one indexed read of the store),
 * so every replica answers what is recorded. A stream read the first time comes from the
 * write side's states (cache or snapshot, then its tail). Kept here too: a stream with no event
 * yet (a journal without a thematic plan), which the write side would look for in its
 * snapshots on every read. The states are immutable (their deciders build new states), so one
 * object may be handed to every reader.
 */
@Injectable()
export class PlanningStates {
  private readonly kept = new Map<string, Versioned<unknown>>();

  constructor(
    private readonly writePath: WritePath,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  planning(schoolId: string, academicYear: string): Promise<Versioned<PlanningState>> {
    return this.read(planningStreamId(schoolId, academicYear), planningDecider);
  }

  /**
   * `storeVersion`: the plan stream's last version (0 for none), read by the caller just now
   * for many journals at once (`EventStore.streamVersions`); a kept state that far along is
   * served without a read of its own.
   */
  thematic(journalId: string, storeVersion?: number): Promise<Versioned<ThematicState>> {
    return this.read(thematicStreamId(journalId), thematicDecider, storeVersion);
  }

  private async read<E, S>(
    streamId: string,
    decider: Folding<E, S>,
    storeVersion?: number,
  ): Promise<Versioned<S>> {
    const known = this.kept.get(streamId) as Versioned<S> | undefined;
    if (!known) return this.keep(streamId, await this.writePath.load(streamId, decider));
    if (storeVersion !== undefined && known.version >= storeVersion) return known;
    const tail = await this.store.readStream(streamId, { from: known.version + 1 });
    if (tail.length === 0) return known;
    const state = decider.evolveAll(known.state, tail.map(factOf) as E[]);
    return this.keep(streamId, { state, version: known.version + tail.length });
  }

  private keep<S>(streamId: string, loaded: Versioned<S>): Versioned<S> {
    const known = this.kept.get(streamId);
    // Two reads of one stream may finish in either order: the later version stays.
    if (known && known.version > loaded.version) return loaded;
    this.kept.delete(streamId);
    this.kept.set(streamId, loaded);
    if (this.kept.size > KEPT) {
      const oldest = this.kept.keys().next().value;
      if (oldest !== undefined) this.kept.delete(oldest);
    }
    return loaded;
  }
}
