import { loadConfig } from '@ejournal/config';
import { createHttpApp } from '@ejournal/http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AppModule } from '../app.module';
import { bootstrapOperatorId } from '../bootstrap/bootstrap-operator';
import { identityConfigSchema, type IdentityConfig } from '../config';
import { configureIdentityApp } from '../openapi';

export const BOOTSTRAP_CODE = 'BOOT-STRA-P000';

/** A fresh database as `@ejournal/testing`'s createTestDatabase makes it (specs pass it in). */
export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * The `Idempotency-Key` a POST, PUT, PATCH or DELETE sends: a fresh one by default (every
   * command needs one), the same one to send a retry, null to send none.
   */
  idempotencyKey?: string | null;
}

const COMMANDS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs read whatever the API answered
  body: any;
  headers: Record<string, unknown>;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: IdentityConfig;
  database: TestDatabase;
  operatorId: string;
  call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    options?: CallOptions,
  ): Promise<Answer>;
  close(): Promise<void>;
}

/**
 * The identity application on a fresh database of its own (migrated by the app as it starts),
 * driven in-process through Fastify's inject. Specs only.
 */
export async function identityTestApp(
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const config = loadConfig(identityConfigSchema, {
    DATABASE_URL: database.url,
    KAFKA_BROKERS: process.env['KAFKA_BROKERS'],
    LOG_LEVEL: 'fatal',
    IDENTITY_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    BOOTSTRAP_OPERATOR_CODE: BOOTSTRAP_CODE,
    RELAY_ENABLED: 'false',
    INTEGRITY_ENABLED: 'false',
    KEY_ACTIVATION_DELAY_SECONDS: '0',
    SIGN_IN_PER_IP_PER_MINUTE: '10000',
    ...env,
  });
  const app = await createHttpApp(AppModule.forConfig(config), {
    name: 'identity-test',
    logLevel: 'fatal',
    configure: configureIdentityApp,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    database,
    operatorId: bootstrapOperatorId(config.IDENTITY_REGION_ID),
    async call(method, url, options = {}) {
      const key = options.idempotencyKey === undefined ? randomUUID() : options.idempotencyKey;
      const headers = {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(key !== null && COMMANDS.has(method) ? { 'idempotency-key': key } : {}),
        ...Object.fromEntries(
          Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
        ),
      };
      const response = await app.inject({
        method,
        url,
        headers,
        ...(options.body === undefined ? {} : { payload: options.body as object }),
      });
      return {
        status: response.statusCode,
        body: response.body ? response.json() : null,
        headers: response.headers,
      };
    },
    async close() {
      await app.close();
      await database.drop();
      await dropRolesOf(database.name);
    },
  };
}

/** The event store's roles are cluster-wide and named after the database: `${db}_*`. */
async function dropRolesOf(database: string): Promise<void> {
  const url = new URL(process.env['DATABASE_URL'] as string);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ rolname: string }>(
      "SELECT rolname FROM pg_roles WHERE rolname LIKE $1 || '\\_%'",
      [database],
    );
    for (const { rolname } of rows) await client.query(`DROP ROLE IF EXISTS "${rolname}"`);
  } finally {
    await client.end();
  }
}
