import { setTimeout as sleep } from 'node:timers/promises';
import { retryDelay, type RetryPolicy } from '../consumer/retry-policy';
import { errorMessageOf, TopicsNotReadyError } from '../errors';

/**
 * What a broker answers while partition leaders are elected or move, or before it has applied
 * the metadata of a topic the controller has just created (KRaft hands it on asynchronously,
 * so kafkajs' `waitForLeaders` may hear "unknown topic" from the broker it asks). Each passes
 * once the metadata settles; anything else is a real failure.
 */
const LEADERS_MOVING = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION', // "This server does not host this topic-partition"
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION', // NOT_LEADER_OR_FOLLOWER since Kafka 2.4
  'NOT_CONTROLLER',
  'REPLICA_NOT_AVAILABLE',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
  'OFFSET_NOT_AVAILABLE',
  // Inside an aggregate only (kafkajs answers `false` when every topic existed): another
  // replica created some of them meanwhile, and the next attempt finds them.
  'TOPIC_ALREADY_EXISTS',
]);

/**
 * At most 10 attempts, waits doubling from 100 ms to 2 s with jitter: a service gives up after
 * 5.6 to 11.1 s of waiting in all, where a fresh local broker's leaders settle within a second.
 */
export const LEADERS_SETTLE: RetryPolicy = { attempts: 10, minDelayMs: 100, maxDelayMs: 2000 };

interface KafkajsErrorShape {
  type?: unknown;
  topic?: unknown;
  errors?: unknown;
  cause?: unknown;
}

/** The error, every error it aggregates, or what caused it says leaders are still moving. */
export function leadersAreMoving(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { type, errors, cause } = error as KafkajsErrorShape;
  if (typeof type === 'string') return LEADERS_MOVING.has(type);
  if (Array.isArray(errors) && errors.length > 0) return errors.every(leadersAreMoving);
  return cause !== undefined && cause !== error && leadersAreMoving(cause);
}

/** The broker's error code and message, per topic where kafkajs knows it. */
export function describeKafkaError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { type, topic, errors } = error as KafkajsErrorShape;
  if (Array.isArray(errors) && errors.length > 0) return errors.map(describeKafkaError).join('; ');
  const where = typeof topic === 'string' ? ` (${topic})` : '';
  return typeof type === 'string'
    ? `${type}${where}: ${errorMessageOf(error)}`
    : errorMessageOf(error);
}

/**
 * Runs `request` again while the broker answers that leaders move, within `policy`; then, or
 * at once on any other error, fails with a TopicsNotReadyError naming `topics`.
 */
export async function whileLeadersMove<T>(
  topics: string[],
  request: () => Promise<T>,
  policy: RetryPolicy = LEADERS_SETTLE,
): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await request();
    } catch (error) {
      if (!leadersAreMoving(error)) {
        throw new TopicsNotReadyError(topics, describeKafkaError(error), error);
      }
      if (attempt >= policy.attempts) {
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        throw new TopicsNotReadyError(
          topics,
          `partition leaders were still moving after ${attempt} attempts in ${seconds} s; ` +
            `last error: ${describeKafkaError(error)}`,
          error,
        );
      }
      await sleep(retryDelay(policy, attempt));
    }
  }
}
