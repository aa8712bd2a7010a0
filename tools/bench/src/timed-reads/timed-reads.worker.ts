import { parentPort, workerData } from 'node:worker_threads';
import { runConcurrently } from '../measure';
import type { ReadsInThread, ThreadMessage } from './reads-in-thread';
import { timedReads } from './timed-reads';

/** The reading thread of readInThread: warms up, times, answers the latencies and ends. */
async function main({ baseUrl, reads, concurrency, warmUp, total }: ReadsInThread) {
  const client = timedReads(baseUrl);
  for (const { url, token, answer } of reads) client.know(url, token, Buffer.from(answer));
  const read = (iteration: number) => {
    const { url, token } = reads[iteration % reads.length] as ReadsInThread['reads'][number];
    return client.timed(url, token);
  };
  const port = parentPort;
  if (!port) throw new Error('timed-reads.worker runs as a worker thread only');
  try {
    await runConcurrently(concurrency, warmUp, read);
    const timing = new Promise((resolve) => port.once('message', resolve));
    port.postMessage({ warm: true } satisfies ThreadMessage);
    await timing;
    port.postMessage((await runConcurrently(concurrency, total, read)) satisfies ThreadMessage);
  } finally {
    client.close();
  }
}

void main(workerData as ReadsInThread);
