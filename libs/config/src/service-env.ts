import { z } from 'zod';
import { env } from './env-fields';

/** Variables every service reads; a service adds its own to this shape. */
export const serviceEnv = (defaultPort: number) => ({
  HOST: env.host(),
  PORT: env.port(defaultPort),
  LOG_LEVEL: env.logLevel(),
  DATABASE_URL: env.postgresUrl(),
  KAFKA_BROKERS: env.kafkaBrokers(),
});

/** A service with read models: its MongoDB-API database, and FerretDB's PostgreSQL database. */
export const readModelEnv = () => ({
  MONGO_URL: env.mongoUrl(),
  /** When the read store is FerretDB 1.x: where the lookup indexes go (libs/read-store). */
  READ_STORE_POSTGRES_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//)
    .optional(),
});

/** A service that verifies identity's access tokens, and its region. */
export const callerEnv = () => ({
  /** When set, the application role's password (the URL of DATABASE_URL migrates). */
  DATABASE_APP_PASSWORD: z.string().min(1).optional(),
  /** Access tokens are identity's: its JWKS, issuer and audience. */
  AUTH_JWKS_URL: z.url().default('http://127.0.0.1:3101/.well-known/jwks.json'),
  AUTH_ISSUER: z.string().min(1).default('ejournal-identity'),
  AUTH_AUDIENCE: z.string().min(1).default('ejournal'),
  REGION_ID: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .default('region-91'),
});
