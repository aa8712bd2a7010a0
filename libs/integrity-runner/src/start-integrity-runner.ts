import {
  recentCheckpoints,
  startIntegrityLog,
  type CheckpointSigner,
  type IntegrityLog,
  type SignedCheckpoint,
  type Witness,
  Witnessing,
} from '@ejournal/integrity';
import { PostgresRelayLease } from '@ejournal/messaging';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { observeCheckpointAge } from './checkpoint-age';
import type { KafkaCheckpointPublisher } from './checkpoint-message';

export interface IntegrityRunnerOptions {
  /** The store, as the application role. */
  pool: Pool;
  /** The same database for the lease's own session (advisory lock). */
  connectionString: string;
  /** The lease's name: one runner per store holds it. */
  name: string;
  logId: string;
  /** Without one the log is built and nothing is signed. */
  signer: CheckpointSigner | null;
  publisher: KafkaCheckpointPublisher;
  /** Witnesses each checkpoint is sent to (c2sp.org/tlog-witness) before it is published. */
  witnesses?: Witness[];
  buildIntervalMs: number;
  checkpointIntervalMs: number;
  /** Checkpoints offered again when the lease is taken, in case a crash lost them. */
  republish?: number;
  onError: (error: unknown) => void;
  onLeadership?: (leader: boolean) => void;
}

export interface IntegrityRunner {
  isLeader(): boolean;
  /** Builds, signs and publishes now; null when this replica does not hold the lease. */
  checkpointNow(): Promise<SignedCheckpoint | null>;
  stop(): Promise<void>;
}

/**
 * The Merkle log builder and checkpointer of one store, run by whichever replica holds the
 * store's `integrity` lease. The holder confirms the lease every build interval and stops
 * building when it is lost, so two replicas never sign at once. A checkpoint signed before a
 * crash may not have reached Kafka: the new holder publishes the latest few again (receivers
 * keep checkpoints by log and id, so a repeat changes nothing).
 */
export function startIntegrityRunner(options: IntegrityRunnerOptions): IntegrityRunner {
  const lease = new PostgresRelayLease({
    connectionString: options.connectionString,
    name: options.name,
    holder: 'integrity',
    retryMs: options.buildIntervalMs,
  });
  const stopping = new AbortController();
  const { signal } = stopping;
  let log: IntegrityLog | null = null;
  const witnesses = options.witnesses ?? [];
  const witnessing =
    witnesses.length > 0
      ? new Witnessing({
          db: options.pool,
          witnesses,
          onUnavailable: (witness, detail) =>
            options.onError(new Error(`witness ${witness} unavailable: ${detail}`)),
        })
      : undefined;

  const lead = (next: IntegrityLog | null) => {
    if ((log === null) !== (next === null)) options.onLeadership?.(next !== null);
    log = next;
  };

  async function holdWhileConfirmed(): Promise<void> {
    const republish = options.republish ?? 10;
    if (options.signer && republish > 0) {
      for (const checkpoint of await recentCheckpoints(options.pool, republish)) {
        await options.publisher.publish(
          witnessing ? await witnessing.witness(checkpoint) : checkpoint,
        );
      }
    }
    lead(
      startIntegrityLog({
        pool: options.pool,
        logId: options.logId,
        ...(options.signer ? { signer: options.signer } : {}),
        publishers: [options.publisher],
        ...(witnessing ? { witnessing } : {}),
        buildIntervalMs: options.buildIntervalMs,
        checkpointIntervalMs: options.checkpointIntervalMs,
        onError: options.onError,
      }),
    );
    while (!signal.aborted && (await lease.confirm())) {
      await sleep(options.buildIntervalMs, undefined, { signal }).catch(() => undefined);
    }
  }

  async function run(): Promise<void> {
    while (!signal.aborted) {
      try {
        if (!(await lease.acquire(signal))) break;
        await holdWhileConfirmed();
      } catch (error) {
        options.onError(error);
      }
      await log?.stop();
      lead(null);
      await lease.release();
      if (!signal.aborted)
        await sleep(options.buildIntervalMs, undefined, { signal }).catch(() => undefined);
    }
  }

  const loop = run();
  const stopObserving = observeCheckpointAge(options.pool, options.logId, () => log !== null);
  return {
    isLeader: () => log !== null,
    checkpointNow: async () => (log ? log.checkpointNow() : null),
    async stop() {
      stopObserving();
      stopping.abort();
      await loop;
    },
  };
}
