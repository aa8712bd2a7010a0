import { callerEnv, readModelEnv, serviceEnv } from '@ejournal/config';
import { integrityRunnerEnv } from '@ejournal/integrity-runner';
import { z } from 'zod';
import { journalDisposalEnv } from './disposal/disposal-env';

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const topic = (fallback: string) =>
  z
    .string()
    .regex(/^[a-z0-9._-]{1,200}$/)
    .default(fallback);
const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((value) => value === 'true');

export const journalConfigSchema = z.object({
  /** The store's Merkle log and signed checkpoints (libs/integrity-runner). */
  ...integrityRunnerEnv,
  ...serviceEnv(3102),
  ...readModelEnv(),
  ...callerEnv(),
  /** Disposal acts of the archive, executed on this store (src/disposal). */
  ...journalDisposalEnv,
  /** Identity's facts (rosters, calendars, policies), projected into the journal's database. */
  IDENTITY_EVENTS_TOPIC: topic('ejournal.identity.events.v1'),
  IDENTITY_CONSUMER_GROUP: z.string().min(1).default('journal.identity-facts'),
  /** Where the relay publishes the journal's events; tests use a topic of their own. */
  JOURNAL_EVENTS_TOPIC: topic('ejournal.journal.events.v1'),
  JOURNAL_TOPIC_PARTITIONS: int(6, 1, 64),
  KAFKA_REPLICATION_FACTOR: int(1, 1, 5),
  RELAY_ENABLED: flag('true'),
  FACTS_CONSUMER_ENABLED: flag('true'),
  /** A snapshot of a journal's state is kept every this many events. */
  SNAPSHOT_EVERY: int(1000, 10, 100_000),
});
export type JournalConfig = z.infer<typeof journalConfigSchema>;
