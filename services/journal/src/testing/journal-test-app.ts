import { localJwks, SIGNING_ALGORITHM, type Grant } from '@ejournal/auth';
import { loadConfig } from '@ejournal/config';
import { createHttpApp } from '@ejournal/http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { AppModule } from '../app.module';
import { journalConfigSchema } from '../config';
import { configureJournalApp } from '../openapi';
import { dropRoles } from '../read-models/testing/read-model-fixture';

export interface JournalTestApp {
  app: NestFastifyApplication;
  /** An access token as identity would sign it, for `subject` holding `grants`. */
  token(grants: Grant[], subject?: string): Promise<string>;
  close(): Promise<void>;
}

/** Where the spec's own database and MongoDB database are (`@ejournal/testing` makes them). */
export interface TestStores {
  servers: Record<string, string>;
  database: { name: string; url: string; drop(): Promise<void> };
  mongoUrl: string;
}

/**
 * The journal application in-process on the spec's own databases, without relay or facts
 * consumer, trusting tokens signed by a key of the spec's own. Specs only.
 */
export async function journalTestApp(
  { servers, database, mongoUrl }: TestStores,
  options: { clock?: () => Date } = {},
): Promise<JournalTestApp> {
  const config = loadConfig(journalConfigSchema, {
    ...servers,
    DATABASE_URL: database.url,
    MONGO_URL: mongoUrl,
    RELAY_ENABLED: 'false',
    INTEGRITY_ENABLED: 'false',
    FACTS_CONSUMER_ENABLED: 'false',
    LOG_LEVEL: 'fatal',
  });
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'spec', alg: SIGNING_ALGORITHM };
  const jwks = localJwks(() => ({ keys: [jwk] }));
  const app = await createHttpApp(AppModule.forConfig(config, { jwks, ...options }), {
    name: 'journal-test',
    logLevel: 'fatal',
    configure: configureJournalApp,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  let issued = 0;
  return {
    app,
    token: (grants, subject = 'person-1') =>
      new SignJWT({ kind: 'user', grants })
        .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: 'spec', typ: 'at+jwt' })
        .setIssuer('ejournal-identity')
        .setAudience('ejournal')
        .setSubject(subject)
        .setJti(`token-${(issued += 1)}`)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey),
    async close() {
      await app.close();
      await database.drop();
      await dropRoles(database.url, database.name);
    },
  };
}
