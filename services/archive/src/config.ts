import { callerEnv, env, readModelEnv, serviceEnv } from '@ejournal/config';
import { integrityRunnerEnv } from '@ejournal/integrity-runner';
import { z } from 'zod';

const { integer: int, topic, flag } = env;

export const archiveConfigSchema = z.object({
  /** The archive's own store's Merkle log and checkpoints (libs/integrity-runner). */
  ...integrityRunnerEnv,
  ...serviceEnv(3104),
  ...readModelEnv(),
  ...callerEnv(),
  JOURNAL_EVENTS_TOPIC: topic('ejournal.journal.events.v1'),
  CATALOGUE_CONSUMER_GROUP: z.string().min(1).default('archive.catalogue'),
  CHECKPOINTS_CONSUMER_GROUP: z.string().min(1).default('archive.checkpoints'),
  KAFKA_REPLICATION_FACTOR: int(1, 1, 5),
  /** The catalogue's and the checkpoints' consumers. */
  CONSUMERS_ENABLED: flag('true'),
  CONSUMER_MAX_ATTEMPTS: int(5, 1, 100),
  CONSUMER_RETRY_MIN_MS: int(200, 1, 60_000),
  /**
   * `keys.json` files (`ejournal-verify keys`) of the stores' checkpoint keys, comma-separated,
   * as the ministry publishes them. Unset: a log's key is trusted on first use and pinned.
   */
  TRUSTED_CHECKPOINT_KEYS: z.string().min(1).optional(),
});
export type ArchiveConfig = z.infer<typeof archiveConfigSchema>;
