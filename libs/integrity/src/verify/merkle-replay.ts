import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReplayMessage, ReplayResult } from './merkle-replay.worker';

const BATCH = 8_192;

/**
 * Recomputes the log's roots from its leaves on a worker thread, so that the tree hashing (two
 * SHA-256 per leaf) runs beside the checks of the events instead of after them.
 */
export class MerkleReplay {
  private readonly worker: Worker;
  private readonly result: Promise<ReplayResult>;
  private batch = new ArrayBuffer(BATCH * 32);
  private view = Buffer.from(this.batch);
  private count = 0;

  /** `sizes`: the tree sizes whose roots are wanted (the checkpoints'). */
  constructor(sizes: number[]) {
    this.worker = spawn(sizes);
    this.result = new Promise((resolve, reject) => {
      this.worker.once('message', resolve);
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`The Merkle replay exited (${code})`)));
    });
    // Rejections are reported by roots(); an unawaited one must not crash the process.
    this.result.catch(() => undefined);
  }

  push(eventHash: Buffer): void {
    eventHash.copy(this.view, this.count * 32);
    this.count += 1;
    if (this.count === BATCH) this.flush();
  }

  /** The roots by tree size, once every leaf was pushed. */
  async roots(): Promise<Map<number, string>> {
    this.flush();
    this.send({ end: true });
    const { roots } = await this.result;
    return new Map(roots);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private flush(): void {
    if (this.count === 0) return;
    const leaves = this.batch;
    this.send({ leaves, count: this.count }, [leaves]);
    this.batch = new ArrayBuffer(BATCH * 32);
    [this.view, this.count] = [Buffer.from(this.batch), 0];
  }

  private send(message: ReplayMessage, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }
}

// Compiled, the worker is a .js file beside this one. From the TypeScript sources (the tests)
// it is a .ts file, which the worker thread loads through @swc-node/register.
function spawn(sizes: number[]): Worker {
  const compiled = __filename.endsWith('.js');
  const file = path.join(__dirname, `merkle-replay.worker.${compiled ? 'js' : 'ts'}`);
  const execArgv = compiled ? [] : ['--require', '@swc-node/register'];
  return new Worker(file, { workerData: { sizes }, execArgv });
}
