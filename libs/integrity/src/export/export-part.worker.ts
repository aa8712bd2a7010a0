import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { readEventLine } from './event-line-reader';
import { CHUNK, NEWLINE } from './export-lines';
import { ExportPart, type PartResult, type Tombstone } from './export-part';

/** What a part's thread is given: its bytes of the file, [from, to), starting a line. */
export interface PartTask {
  file: string;
  from: number;
  to: number;
  continues: boolean;
  tombstones: Tombstone[];
}

/** Its answer: the checks, how many lines it read, where it stopped (`to` when it read all). */
export interface PartAnswer {
  result: PartResult;
  lines: number;
  stoppedAt: number;
}

/**
 * Checks the event lines of [from, to) of the file in the exporter's own spelling, stopping at
 * the first other line (the proof after the events; anything unexpected, which the caller then
 * verifies in one pass).
 */
export function checkPart({ file, from, to, continues, tombstones }: PartTask): PartAnswer {
  const part = new ExportPart(new Map(tombstones.map((t) => [t.streamId, t])), continues);
  const handle = openSync(file, 'r');
  let lines = 0;
  let position = from;
  const answer = (stoppedAt: number): PartAnswer => ({ result: part.result(), lines, stoppedAt });
  try {
    let buffer = Buffer.allocUnsafe(CHUNK);
    while (position < to) {
      const filled = readSync(handle, buffer, 0, Math.min(buffer.length, to - position), position);
      if (filled === 0) break;
      const last = position + filled === to;
      let at = 0;
      while (at < filled) {
        const newline = buffer.indexOf(NEWLINE, at);
        const end = newline >= 0 && newline < filled ? newline : last ? filled : -1;
        if (end < 0) break;
        const event = readEventLine(buffer, at, end);
        if (!event) return answer(position + at);
        part.check(event);
        lines += 1;
        at = Math.min(end + 1, filled);
      }
      // A line longer than the buffer: read it again into a larger one.
      if (at === 0) buffer = Buffer.allocUnsafe(2 * buffer.length);
      position += at;
    }
    return answer(position);
  } finally {
    closeSync(handle);
  }
}

/**
 * A thread's share of the parts: it claims the next unclaimed one (`claimed`, shared with the
 * calling thread, which claims parts too) until none is left, answering each as it is done.
 */
export interface PartQueue {
  tasks: PartTask[];
  claimed: Int32Array;
}

/** Claims and checks parts until none is left; each answer goes to `answer` with its index. */
export function checkClaimed(
  { tasks, claimed }: PartQueue,
  answer: (index: number, answer: PartAnswer) => void,
): void {
  for (let index = Atomics.add(claimed, 0, 1); index < tasks.length;) {
    answer(index, checkPart(tasks[index] as PartTask));
    index = Atomics.add(claimed, 0, 1);
  }
}

if (parentPort && (workerData as { queue?: PartQueue } | null)?.queue) {
  const port = parentPort;
  checkClaimed((workerData as { queue: PartQueue }).queue, (index, answer) => {
    const { lastHashes, leafIndexes, eventHashes } = answer.result;
    const transfer = [lastHashes.buffer, leafIndexes.buffer, eventHashes.buffer] as ArrayBuffer[];
    port.postMessage({ index, answer }, transfer);
  });
  port.postMessage({ done: true });
}
