import { z } from 'zod';
import { ConfigError, env, loadConfig } from './index';

const schema = z.object({
  PORT: env.port(3000),
  DATABASE_URL: env.postgresUrl(),
  KAFKA_BROKERS: env.kafkaBrokers(),
  MONGO_URL: env.mongoUrl(),
});

describe('loadConfig', () => {
  it('parses valid variables and applies defaults', () => {
    const config = loadConfig(schema, {
      DATABASE_URL: 'postgres://app:secret@127.0.0.1:55432/ejournal_journal',
      KAFKA_BROKERS: '127.0.0.1:59092, 10.0.0.2:9092',
      MONGO_URL: 'mongodb://127.0.0.1:57017/journal',
    });
    expect(config.PORT).toBe(3000);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:59092', '10.0.0.2:9092']);
  });

  it('names every missing or invalid variable at once without echoing values', () => {
    const attempt = () =>
      loadConfig(schema, {
        PORT: 'eighty',
        DATABASE_URL: 'mysql://root:hunter2@db/x',
        KAFKA_BROKERS: 'no-port',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as ConfigError).message;
      expect((error as ConfigError).problems).toHaveLength(4);
      expect(message).toContain('PORT:');
      expect(message).toContain('DATABASE_URL: must be a URL like postgres://');
      expect(message).toContain('KAFKA_BROKERS: each broker must be host:port');
      expect(message).toContain('MONGO_URL: is required');
      expect(message).not.toContain('hunter2');
    }
  });
});
