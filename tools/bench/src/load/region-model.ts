/**
 * The region the load models stand for, and the share of it one node gets. A node here is
 * this machine: identity, journal and diary as one process each, with PostgreSQL, Kafka and
 * FerretDB beside them on the same 2 cores. A region runs `nodes` of them behind a balancer;
 * every figure below is stated in the bench's JSON so the scaling can be argued with.
 */
export interface RegionModel {
  staff: number;
  families: number;
  nodes: number;
  morning: {
    /** Of the staff and of the families, the share that signs in during the morning hour. */
    staffSigningIn: number;
    familiesSigningIn: number;
    /** The busiest quarter-hour over the hour's mean (everyone arrives just before 08:00). */
    peakFactor: number;
  };
  evening: {
    /** Teachers entering marks in the term-end evening's busiest hour, and their commands. */
    teachersActive: number;
    commandsPerTeacher: number;
    /** Families reading the diary in that hour, and the reads each makes. */
    familiesReading: number;
    readsPerFamily: number;
    /** Of the families reading, the share with the live stream open. */
    streaming: number;
  };
}

export const REGION: RegionModel = {
  staff: 20_000,
  families: 200_000,
  nodes: 8,
  morning: { staffSigningIn: 0.9, familiesSigningIn: 0.5, peakFactor: 2 },
  evening: {
    teachersActive: 0.25,
    commandsPerTeacher: 25,
    familiesReading: 0.3,
    readsPerFamily: 3,
    streaming: 0.02,
  },
};

const HOUR = 3600;
const round1 = (value: number) => Math.round(value * 10) / 10;

/** Arrival rates region-wide at the peak and on this node (1 / nodes of them). */
export function ratesOf(region: RegionModel) {
  const { morning, evening, nodes } = region;
  const signIns =
    region.staff * morning.staffSigningIn + region.families * morning.familiesSigningIn;
  const signInsPerSec = (signIns / HOUR) * morning.peakFactor;
  const teacherShare = (region.staff * morning.staffSigningIn) / signIns;
  const commandsPerSec =
    (region.staff * evening.teachersActive * evening.commandsPerTeacher) / HOUR;
  const readers = region.families * evening.familiesReading;
  const readsPerSec = (readers * evening.readsPerFamily) / HOUR;
  return {
    morning: {
      signInsInTheHour: signIns,
      regionPeakSignInsPerSec: round1(signInsPerSec),
      teacherShare: Math.round(teacherShare * 1000) / 1000,
      nodeSignInsPerSec: round1(signInsPerSec / nodes),
    },
    evening: {
      regionCommandsPerSec: round1(commandsPerSec),
      regionReadsPerSec: round1(readsPerSec),
      regionOpenStreams: Math.round(readers * evening.streaming),
      nodeCommandsPerSec: round1(commandsPerSec / nodes),
      nodeReadsPerSec: round1(readsPerSec / nodes),
      nodeOpenStreams: Math.round((readers * evening.streaming) / nodes),
    },
  };
}
export type Rates = ReturnType<typeof ratesOf>;
