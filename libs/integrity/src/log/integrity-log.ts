import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import type { SignedCheckpoint } from '../checkpoints/checkpoint-format';
import { Checkpointer } from '../checkpoints/checkpointer';
import type { CheckpointSigner } from '../checkpoints/signing-key';
import type { CheckpointPublisher } from '../publish/checkpoint-publisher';
import type { Witnessing } from '../witness/witnessing';
import { LogBuilder } from './log-builder';

export interface IntegrityLogOptions {
  /** Connected as the application role. */
  pool: Pool;
  logId: string;
  /** Without a signer the loop only builds the log. */
  signer?: CheckpointSigner;
  publishers?: CheckpointPublisher[];
  /** Sends each new checkpoint to the witnesses before it is published, note and all. */
  witnessing?: Witnessing;
  buildIntervalMs?: number;
  checkpointIntervalMs?: number;
  batchSize?: number;
  clock?: () => Date;
  /** Told about every failed round; the loop carries on with the next. */
  onError?: (error: unknown) => void;
}

export interface IntegrityLog {
  /** Builds the log up to the readers' horizon, signs and publishes a checkpoint of it. */
  checkpointNow(): Promise<SignedCheckpoint | null>;
  /** Ends the loop after the round in hand; resolves when it has ended. */
  stop(): Promise<void>;
}

/**
 * The log-builder process: every `buildIntervalMs` it appends the new events' hashes as
 * leaves; every `checkpointIntervalMs` (if the log grew) it signs a checkpoint and hands it to
 * each publisher. A checkpoint a publisher failed to take is offered again next round.
 */
export function startIntegrityLog(options: IntegrityLogOptions): IntegrityLog {
  const { pool, signer, publishers = [], witnessing, onError = () => undefined } = options;
  const builder = new LogBuilder(pool, options.batchSize);
  const checkpointer =
    signer && new Checkpointer({ db: pool, signer, logId: options.logId, clock: options.clock });
  const unpublished: SignedCheckpoint[] = [];
  const abort = new AbortController();
  let lastCheckpointAt = 0;
  let round = Promise.resolve();

  const publishPending = async () => {
    while (unpublished.length > 0) {
      const signed = unpublished[0] as SignedCheckpoint;
      const checkpoint = witnessing ? await witnessing.witness(signed) : signed;
      await Promise.all(publishers.map((publisher) => publisher.publish(checkpoint)));
      unpublished.shift();
    }
  };
  const checkpoint = async (force: boolean) => {
    await builder.catchUp();
    const signed = await checkpointer?.checkpoint({ force });
    lastCheckpointAt = Date.now();
    if (signed) unpublished.push(signed);
    await publishPending();
    return signed ?? null;
  };
  // Rounds never overlap: an on-demand checkpoint waits for the loop's round and vice versa.
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = round.then(work);
    round = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  };

  const loop = (async () => {
    while (!abort.signal.aborted) {
      await serial(async () => {
        const due = Date.now() - lastCheckpointAt >= (options.checkpointIntervalMs ?? 60_000);
        await (checkpointer && due ? checkpoint(false) : builder.catchUp());
      }).catch(onError);
      await sleep(options.buildIntervalMs ?? 1_000, undefined, { signal: abort.signal }).catch(
        () => undefined,
      );
    }
  })();

  return {
    checkpointNow: () => serial(() => checkpoint(true)),
    async stop() {
      abort.abort();
      await loop;
    },
  };
}
