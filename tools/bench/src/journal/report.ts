import { percentile, perSecond, round } from '../measure';
import type { LoadResult } from './load';

export const TARGETS = {
  recordP99Ms: 50,
  marksPerSec: 1000,
  projectionLagP99Ms: 1000,
  gridP99Ms: 50,
  asOfP99Ms: 200,
};

/**
 * Percentiles of lags of which some were never seen within the wait: those count with the
 * time waited, so the figures are then lower bounds of the real ones.
 */
export function lagFigures(settled: { lagsMs: number[]; unresolved: number[] }) {
  const all = [...settled.lagsMs, ...settled.unresolved];
  return {
    p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99),
    lowerBounds: settled.unresolved.length > 0,
    seen: settled.lagsMs.length,
    notSeenWithinWait: settled.unresolved.length,
  };
}

/** The load's figures: single marks, columns, throughput and what the projector kept up with. */
export function loadFigures(
  load: LoadResult,
  projection: { events: number; seconds: number },
  cpu: Record<string, number>,
) {
  const columns = load.columnMs.length;
  const events = load.singleMs.length + columns * 31;
  return {
    recordMark: {
      p50Ms: percentile(load.singleMs, 50),
      p99Ms: percentile(load.singleMs, 99),
      commands: load.singleMs.length,
      of: 'single-mark commands (one entry, one mark) under the load',
    },
    marksPerSec: perSecond(load.marks, load.seconds),
    column: {
      p50Ms: percentile(load.columnMs, 50),
      p99Ms: percentile(load.columnMs, 99),
      commands: columns,
      of: 'new lesson with 30 entries of one mark (31 events)',
    },
    load: {
      seconds: round(load.seconds, 1),
      marks: load.marks,
      commandsPerSec: perSecond(load.singleMs.length + columns, load.seconds),
      appendedEventsPerSec: perSecond(events, load.seconds),
      refused: load.refused,
      ...cpu,
    },
    liveProjection: {
      eventsPerSec: perSecond(projection.events, projection.seconds),
      events: projection.events,
      seconds: round(projection.seconds, 1),
      backlogAfterWait: events - projection.events,
      of: 'events of the load projected, from its start to the end of the wait for the lag',
    },
  };
}

export function met(figures: {
  recordP99Ms: number;
  marksPerSec: number;
  lag: { p99Ms: number; lowerBounds: boolean };
  gridP99Ms: number;
  asOfP99Ms: number;
}) {
  return {
    recordP99Ms: figures.recordP99Ms <= TARGETS.recordP99Ms,
    marksPerSec: figures.marksPerSec >= TARGETS.marksPerSec,
    projectionLagP99Ms: figures.lag.p99Ms <= TARGETS.projectionLagP99Ms,
    gridP99Ms: figures.gridP99Ms <= TARGETS.gridP99Ms,
    asOfP99Ms: figures.asOfP99Ms <= TARGETS.asOfP99Ms,
  };
}
