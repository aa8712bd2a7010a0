import { callerEnv, env, readModelEnv, serviceEnv } from '@ejournal/config';
import { documentStoreEnv } from '@ejournal/document-store';
import { integrityRunnerEnv } from '@ejournal/integrity-runner';
import { z } from 'zod';
import { documentsEnv } from './documents/documents-env';

const { integer: int, topic, flag } = env;

export const archiveConfigSchema = z.object({
  /** The archive's own store's Merkle log and checkpoints (libs/integrity-runner). */
  ...integrityRunnerEnv,
  ...serviceEnv(3104),
  ...readModelEnv(),
  ...callerEnv(),
  /** Where year-end documents and signatures are kept (libs/document-store): DOCUMENT_STORE, S3_*. */
  ...documentStoreEnv,
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
  /** Year-end documents and their signatures (`src/documents/documents-env.ts`). */
  ...documentsEnv,
  /** Disposal acts need the regional archive's approval besides the head's. */
  DISPOSAL_REGIONAL_APPROVAL: flag('false'),
  /** The region's schools' time zone: what "today" is for retention and the 30 June deadline. */
  ARCHIVE_TIME_ZONE: z.string().min(1).default('Europe/Simferopol'),
  /** The store that owns `journal-*` and `summary-*` streams executes their disposal. */
  JOURNAL_URL: z.url().default('http://127.0.0.1:3102'),
  /** The archive's service account at identity (client credentials), to call the journal. */
  SERVICE_TOKEN_URL: z.url().default('http://127.0.0.1:3101/auth/token'),
  ARCHIVE_CLIENT_ID: z.string().min(1).default('archive'),
  ARCHIVE_CLIENT_SECRET: z.string().min(1).optional(),
});
export type ArchiveConfig = z.infer<typeof archiveConfigSchema>;
