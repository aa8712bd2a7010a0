import { env, serviceEnv } from '@ejournal/config';
import { integrityRunnerEnv } from '@ejournal/integrity-runner';
import { z } from 'zod';

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

export const identityConfigSchema = z.object({
  /** The store's Merkle log and signed checkpoints (libs/integrity-runner). */
  ...integrityRunnerEnv,
  ...serviceEnv(3101),
  /** When set, the application role's password (the URL of DATABASE_URL migrates). */
  DATABASE_APP_PASSWORD: z.string().min(1).optional(),
  IDENTITY_REGION_ID: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .default('region-91'),
  /** "Today" for region-wide checks (guardianships in force, rosters by default). */
  REGION_TIME_ZONE: z.string().min(1).default('Europe/Simferopol'),
  AUTH_ISSUER: z.string().min(1).default('ejournal-identity'),
  AUTH_AUDIENCE: z.string().min(1).default('ejournal'),
  /** Access tokens live at most ten minutes (ARCHITECTURE §4). */
  ACCESS_TOKEN_TTL_SECONDS: int(300, 30, 600),
  REFRESH_TOKEN_TTL_HOURS: int(336, 1, 2160),
  /** Encrypts the signing keys' private halves (and kept answers) at rest. */
  IDENTITY_KEY_ENCRYPTION_KEY: env.encryptionKey(),
  KEY_ROTATION_DAYS: int(30, 1, 365),
  /** A new key is published this long before it signs, so verifiers' caches have it. */
  KEY_ACTIVATION_DELAY_SECONDS: int(60, 0, 3600),
  KEY_REFRESH_MS: env.milliseconds(10_000),
  /** argon2id: OWASP's minimum is m = 19 MiB, t = 2, p = 1. */
  ARGON2_MEMORY_KIB: int(19_456, 19_456, 1_048_576),
  ARGON2_TIME_COST: int(2, 2, 10),
  ARGON2_PARALLELISM: int(1, 1, 8),
  /** Hashes computed at once; the cores by default. */
  ARGON2_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  LOCKOUT_THRESHOLD: int(5, 3, 20),
  LOCKOUT_MINUTES: int(15, 1, 1440),
  SIGN_IN_PER_IP_PER_MINUTE: int(30, 1, 10_000),
  ACTIVATION_CODE_DAYS: int(30, 1, 90),
  /** Creates the first regional operator, activated with this one-time code. */
  BOOTSTRAP_OPERATOR_CODE: z.string().min(12).optional(),
  /** Where the relay publishes identity's facts; tests use a topic of their own. */
  IDENTITY_EVENTS_TOPIC: z
    .string()
    .regex(/^[a-z0-9._-]{1,200}$/)
    .default('ejournal.identity.events.v1'),
  IDENTITY_TOPIC_PARTITIONS: int(3, 1, 64),
  KAFKA_REPLICATION_FACTOR: int(1, 1, 5),
  RELAY_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
});
export type IdentityConfig = z.infer<typeof identityConfigSchema>;
