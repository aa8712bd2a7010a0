import type { EventStore } from '@ejournal/event-store';
import { setTimeout as sleep } from 'node:timers/promises';
import { markRecorded } from '../event-store/sample-events';

const WRITERS = 16;
const STREAMS_PER_WRITER = 25;

/**
 * Appends one event per append at `perSecond` for `seconds`, the way teachers' requests
 * arrive: each on a schedule, by several writers, to many journal streams (each writer owns
 * its streams, so appends never conflict). Returns how many events were appended.
 */
export async function appendSteadily(
  store: Pick<EventStore, 'append'>,
  perSecond: number,
  seconds: number,
): Promise<number> {
  const total = perSecond * seconds;
  const intervalMs = 1000 / perSecond;
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      const versions = new Array<number>(STREAMS_PER_WRITER).fill(0);
      for (let turn = 0; ; turn += 1) {
        const sequence = next++;
        if (sequence >= total) return;
        const due = started + sequence * intervalMs;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        const stream = turn % STREAMS_PER_WRITER;
        const version = versions[stream] ?? 0;
        await store.append(`journal-lag-${writer}-${stream}`, version, [markRecorded(sequence)]);
        versions[stream] = version + 1;
      }
    }),
  );
  return total;
}
