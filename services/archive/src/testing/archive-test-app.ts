import { randomUUID } from 'node:crypto';
import { localJwks, SIGNING_ALGORITHM, type Grant } from '@ejournal/auth';
import { loadConfig } from '@ejournal/config';
import { createHttpApp } from '@ejournal/http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { AppModule, type AppOptions } from '../app.module';
import { archiveConfigSchema } from '../config';
import { configureArchiveApp } from '../openapi';

export interface ArchiveTestApp {
  app: NestFastifyApplication;
  /** An access token as identity would sign it, for a person holding `grants`. */
  token(grants: Grant[]): Promise<string>;
  get(url: string, grants: Grant[]): Promise<{ status: number; body: ReturnType<JSON['parse']> }>;
  close(): Promise<void>;
}

/**
 * The archive in-process on the spec's own databases and topics (`environment`), trusting
 * tokens signed by a key of the spec's own. Specs only.
 */
export async function archiveTestApp(
  environment: Record<string, string>,
  options: Omit<AppOptions, 'jwks'> = {},
): Promise<ArchiveTestApp> {
  const config = loadConfig(archiveConfigSchema, { LOG_LEVEL: 'fatal', ...environment });
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'spec', alg: SIGNING_ALGORITHM };
  const jwks = localJwks(() => ({ keys: [jwk] }));
  const app = await createHttpApp(AppModule.forConfig(config, { ...options, jwks }), {
    name: 'archive-test',
    logLevel: 'fatal',
    configure: configureArchiveApp,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const token = (grants: Grant[]) =>
    new SignJWT({ kind: 'user', grants })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: 'spec', typ: 'at+jwt' })
      .setIssuer(config.AUTH_ISSUER)
      .setAudience(config.AUTH_AUDIENCE)
      .setSubject('person-1')
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
  return {
    app,
    token,
    async get(url, grants) {
      const authorization = `Bearer ${await token(grants)}`;
      const answer = await app.inject({ method: 'GET', url, headers: { authorization } });
      return { status: answer.statusCode, body: answer.json() };
    },
    close: () => app.close(),
  };
}
