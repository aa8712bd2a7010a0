import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** One read a measuring client makes: iteration `i` makes `reads[i % reads.length]`. */
export interface ThreadRead {
  url: string;
  token: string;
  /** The answer learned (and parsed) before: every timed answer must be it, byte for byte. */
  answer: Buffer;
}

export interface ReadsInThread {
  baseUrl: string;
  reads: ThreadRead[];
  concurrency: number;
  /** Unmeasured reads first, then `total` timed ones. */
  warmUp: number;
  total: number;
}

/**
 * Times reads on their own thread (timed-reads.worker): the thread's heap holds only its
 * clients, while this one holds all the bench has built (the region's planning, tens to
 * hundreds of MB). Receiving answers of ~160 KB, a client's heap collects often (V8 counts
 * the sockets' chunks as external memory); here each full collection would mark the whole
 * bench, pausing every client for tens of milliseconds, inside the timed reads.
 */
export function readInThread(
  work: ReadsInThread,
  /** Called once the unmeasured reads are done; the timed ones start when it resolves. */
  warm: () => Promise<void> = async () => undefined,
): Promise<{ seconds: number; latenciesMs: number[] }> {
  // Compiled, the worker is a .js file beside this one; from the TypeScript sources (the
  // tests) a .ts file, loaded through @swc-node/register.
  const compiled = __filename.endsWith('.js');
  const file = path.join(__dirname, `timed-reads.worker.${compiled ? 'js' : 'ts'}`);
  const worker = new Worker(file, {
    workerData: work,
    execArgv: compiled ? [] : ['--require', '@swc-node/register'],
  });
  return new Promise((resolve, reject) => {
    worker.on('message', (message: ThreadMessage) => {
      if ('warm' in message) warm().then(() => worker.postMessage('time'), reject);
      else resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the reading thread exited (${code})`)));
  });
}

/** What the reading thread says: warmed up, then the timed reads' figures. */
export type ThreadMessage = { warm: true } | { seconds: number; latenciesMs: number[] };
