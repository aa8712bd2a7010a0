import { callerEnv, env, readModelEnv, serviceEnv } from '@ejournal/config';
import { DIARY_NOTIFICATIONS_TOPIC } from '@ejournal/contracts';
import { z } from 'zod';
import { parseCidr } from './webhooks/webhook-targets';

const { integer: int, topic, flag } = env;

export const diaryConfigSchema = z.object({
  ...serviceEnv(3103),
  ...readModelEnv(),
  ...callerEnv(),
  IDENTITY_EVENTS_TOPIC: topic('ejournal.identity.events.v1'),
  IDENTITY_CONSUMER_GROUP: z.string().min(1).default('diary.identity-facts'),
  JOURNAL_EVENTS_TOPIC: topic('ejournal.journal.events.v1'),
  JOURNAL_CONSUMER_GROUP: z.string().min(1).default('diary.journal-events'),
  /** Where the diary publishes its notifications; tests use a topic of their own. */
  DIARY_NOTIFICATIONS_TOPIC: topic(DIARY_NOTIFICATIONS_TOPIC),
  DIARY_TOPIC_PARTITIONS: int(6, 1, 64),
  KAFKA_REPLICATION_FACTOR: int(1, 1, 5),
  /** Consumers of identity's and the journal's topics, and the notification relay. */
  CONSUMERS_ENABLED: flag('true'),
  RELAY_ENABLED: flag('true'),
  /** Handler calls before an event goes to the dead-letter topic. */
  CONSUMER_MAX_ATTEMPTS: int(5, 1, 100),
  CONSUMER_RETRY_MIN_MS: int(200, 1, 60_000),
  /**
   * How long a consumer that stopped heartbeating (a killed replica) keeps its partitions
   * before the group hands them to the others; a replacement waits that long too.
   */
  CONSUMER_SESSION_TIMEOUT_MS: int(30_000, 6_000, 300_000),
  /**
   * The planning horizon in days (issue 21): changes to lessons from today to this many days
   * ahead notify; weeks touching it carry the planned lessons ahead in the read store.
   */
  PLANNING_HORIZON_DAYS: int(7, 1, 28),
  /** Webhook senders (fan-out and per-endpoint delivery). */
  WEBHOOKS_ENABLED: flag('true'),
  /**
   * 32 random bytes in base64: seals the school apps' webhook secrets at rest. Without it they
   * are stored as they come (a warning says so at start).
   */
  DIARY_SECRETS_KEY: env.encryptionKey().optional(),
  /**
   * Networks (comma-separated CIDRs) that webhooks may reach although they are private,
   * loopback or link-local, which are otherwise refused (server-side request forgery): e.g. a
   * school app inside the ministry's network. Tests and the demo open 127.0.0.0/8.
   */
  WEBHOOK_ALLOWED_NETWORKS: z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((cidr) => cidr.trim())
        .filter(Boolean),
    )
    .refine(
      (cidrs) =>
        cidrs.every((cidr) => {
          try {
            return parseCidr(cidr).length === 2;
          } catch {
            return false;
          }
        }),
      { message: 'each entry must be a network in CIDR notation, e.g. 10.20.0.0/16' },
    ),
  /** One request to an endpoint is aborted after this long. */
  WEBHOOK_TIMEOUT_MS: int(10_000, 100, 120_000),
  /**
   * Requests in flight per endpoint (each to another pupil's queue): 16 carry the bench's
   * 400 deliveries/s to one endpoint on loopback, and 300/s to one 50 ms away.
   */
  WEBHOOK_CONCURRENCY: int(16, 1, 64),
  /** Backoff of the first retry, doubling up to the maximum, each with full jitter. */
  WEBHOOK_RETRY_MIN_MS: int(5_000, 1, 3_600_000),
  WEBHOOK_RETRY_MAX_MS: int(3_600_000, 1, 86_400_000),
  /** How long a notification is retried before it goes to the endpoint's dead letters. */
  WEBHOOK_RETRY_FOR_MS: int(90_000_000, 1, 604_800_000),
  /** How often open live streams look for new notifications, and send a heartbeat. */
  STREAM_POLL_MS: int(300, 20, 10_000),
  STREAM_HEARTBEAT_MS: int(15_000, 50, 120_000),
});
export type DiaryConfig = z.infer<typeof diaryConfigSchema>;
