import { env } from './env-fields';

/** Variables every service reads; a service adds its own to this shape. */
export const serviceEnv = (defaultPort: number) => ({
  HOST: env.host(),
  PORT: env.port(defaultPort),
  LOG_LEVEL: env.logLevel(),
  DATABASE_URL: env.postgresUrl(),
  KAFKA_BROKERS: env.kafkaBrokers(),
});
