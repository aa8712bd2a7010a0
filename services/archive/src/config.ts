import { env, serviceEnv } from '@ejournal/config';
import { integrityRunnerEnv } from '@ejournal/integrity-runner';
import { z } from 'zod';

const { integer: int, topic, flag } = env;

export const archiveConfigSchema = z.object({
  /** The archive's own store's Merkle log and checkpoints (libs/integrity-runner). */
  ...integrityRunnerEnv,
  ...serviceEnv(3104),
  MONGO_URL: env.mongoUrl(),
  /** FerretDB's PostgreSQL database, where the catalogue's lookup indexes go (libs/read-store). */
  READ_STORE_POSTGRES_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//)
    .optional(),
  /** When set, the application role's password (the URL of DATABASE_URL migrates). */
  DATABASE_APP_PASSWORD: z.string().min(1).optional(),
  AUTH_JWKS_URL: z.url().default('http://127.0.0.1:3101/.well-known/jwks.json'),
  AUTH_ISSUER: z.string().min(1).default('ejournal-identity'),
  AUTH_AUDIENCE: z.string().min(1).default('ejournal'),
  REGION_ID: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .default('region-91'),
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
