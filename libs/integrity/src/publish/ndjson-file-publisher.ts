import { open, readFile } from 'node:fs/promises';
import type { SignedCheckpoint } from '../checkpoints/checkpoint-format';
import type { CheckpointPublisher } from './checkpoint-publisher';
import { parseCheckpointLine } from './checkpoint-file';

/**
 * Appends each checkpoint as one JSON line and syncs it to disk before `publish` resolves.
 * Checkpoints with ids the file already holds are skipped, so retries do not repeat lines.
 */
export class NdjsonFilePublisher implements CheckpointPublisher {
  readonly name: string;
  private lastId: bigint | null = null;

  constructor(private readonly path: string) {
    this.name = `file ${path}`;
  }

  async publish(checkpoint: SignedCheckpoint): Promise<void> {
    const id = BigInt(checkpoint.checkpointId ?? '0');
    this.lastId ??= await this.lastPublishedId();
    if (this.lastId !== null && id <= this.lastId) return;
    const file = await open(this.path, 'a');
    try {
      await file.appendFile(`${JSON.stringify(checkpoint)}\n`, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    this.lastId = id;
  }

  private async lastPublishedId(): Promise<bigint | null> {
    const text = await readFile(this.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const last = text.trimEnd().split('\n').at(-1);
    if (!last) return null;
    const { checkpointId } = parseCheckpointLine(last, this.path, 0);
    return checkpointId === undefined ? null : BigInt(checkpointId);
  }
}
