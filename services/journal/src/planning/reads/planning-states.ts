import { planningStreamId, thematicStreamId } from '@ejournal/contracts';
import { WritePath } from '@ejournal/write-path';
import { Injectable } from '@nestjs/common';
import { planningDecider } from '../domain/planning.decider';
import type { PlanningState } from '../domain/planning.state';
import { thematicDecider, type ThematicState } from '../domain/thematic.decider';

export interface Versioned<S> {
  state: S;
  version: number;
}

/**
 * The planning streams' states for reading, as the write side holds them: from the states'
 * cache (or a snapshot) plus the events recorded after it, one indexed read of the store per
 * stream, so every replica answers what is recorded. A school year's planning is one small
 * stream (its timetable versions and changes), a plan one per journal.
 */
@Injectable()
export class PlanningStates {
  constructor(private readonly writePath: WritePath) {}

  planning(schoolId: string, academicYear: string): Promise<Versioned<PlanningState>> {
    return this.writePath.load(planningStreamId(schoolId, academicYear), planningDecider);
  }

  thematic(journalId: string): Promise<Versioned<ThematicState>> {
    return this.writePath.load(thematicStreamId(journalId), thematicDecider);
  }
}
