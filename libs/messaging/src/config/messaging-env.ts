import { env } from '@ejournal/config';
import { z } from 'zod';

const count = (fallback: number, max: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

/**
 * The variables a service with a relay or consumers reads, to spread into its config schema
 * next to `serviceEnv` (`loadConfig(z.object({ ...serviceEnv(3102), ...messagingEnv }))`).
 */
export const messagingEnv = {
  KAFKA_BROKERS: env.kafkaBrokers(),
  KAFKA_LOG_LEVEL: z.enum(['nothing', 'error', 'warn', 'info', 'debug']).default('warn'),
  KAFKA_TOPIC_PARTITIONS: count(12, 1000),
  KAFKA_REPLICATION_FACTOR: count(3, 7),
  RELAY_BATCH_SIZE: count(1000, 10_000),
  RELAY_POLL_MAX_MS: count(250, 10_000),
  CONSUMER_MAX_ATTEMPTS: count(5, 100),
  CONSUMER_RETRY_MIN_MS: count(200, 60_000),
  CONSUMER_RETRY_MAX_MS: count(5000, 600_000),
};

export type MessagingEnv = z.infer<z.ZodObject<typeof messagingEnv>>;
