import { ConfigError, loadConfig } from '@ejournal/config';
import { z } from 'zod';
import { messagingEnv } from './messaging-env';

const schema = z.object(messagingEnv);

describe('messagingEnv', () => {
  it('needs only the brokers and defaults the rest for production', () => {
    expect(loadConfig(schema, { KAFKA_BROKERS: 'kafka-0:9092,kafka-1:9092' })).toEqual({
      KAFKA_BROKERS: ['kafka-0:9092', 'kafka-1:9092'],
      KAFKA_LOG_LEVEL: 'warn',
      KAFKA_TOPIC_PARTITIONS: 12,
      KAFKA_REPLICATION_FACTOR: 3,
      RELAY_BATCH_SIZE: 1000,
      RELAY_POLL_MAX_MS: 250,
      CONSUMER_MAX_ATTEMPTS: 5,
      CONSUMER_RETRY_MIN_MS: 200,
      CONSUMER_RETRY_MAX_MS: 5000,
    });
  });

  it('names every invalid variable', () => {
    const problems = (() => {
      try {
        loadConfig(schema, { KAFKA_BROKERS: '', KAFKA_REPLICATION_FACTOR: '0' });
        return [];
      } catch (error) {
        return error instanceof ConfigError ? error.problems : [String(error)];
      }
    })();
    expect(problems).toEqual([
      'KAFKA_BROKERS: is required',
      expect.stringMatching(/^KAFKA_REPLICATION_FACTOR: /),
    ]);
  });
});
