import { randomUUID } from 'node:crypto';
import { localJwks, SIGNING_ALGORITHM, type Grant } from '@ejournal/auth';
import { loadConfig } from '@ejournal/config';
import { createHttpApp } from '@ejournal/http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { AppModule, type AppOptions } from '../../app.module';
import { archiveConfigSchema } from '../../config';
import { configureArchiveApp } from '../../openapi';

export interface Answer {
  status: number;
  body: ReturnType<JSON['parse']>;
}

/** A person calling the archive: who (`subject`) with which grants. */
export interface Caller {
  subject: string;
  grants: Grant[];
}

export interface ArchiveUnderTest {
  app: NestFastifyApplication;
  /** The `authorization` header of a caller. */
  authorization(caller: Caller): Promise<string>;
  get(url: string, caller: Caller): Promise<Answer>;
  post(url: string, caller: Caller, body?: object): Promise<Answer>;
  close(): Promise<void>;
}

/**
 * The archive in-process with its clock and the journal's token given, trusting tokens signed
 * by a key of the spec's own, called by named people. Specs only.
 */
export async function archiveUnderTest(
  environment: Record<string, string>,
  options: Omit<AppOptions, 'jwks'> = {},
): Promise<ArchiveUnderTest> {
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
  const authorization = async ({ subject, grants }: Caller) =>
    `Bearer ${await new SignJWT({ kind: 'user', grants })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: 'spec', typ: 'at+jwt' })
      .setIssuer(config.AUTH_ISSUER)
      .setAudience(config.AUTH_AUDIENCE)
      .setSubject(subject)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey)}`;
  const call = async (method: 'GET' | 'POST', url: string, caller: Caller, body?: object) => {
    const headers: Record<string, string> = { authorization: await authorization(caller) };
    if (body) headers['content-type'] = 'application/json';
    const answer = await app.inject({
      method,
      url,
      headers,
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
    return { status: answer.statusCode, body: answer.body ? answer.json() : null };
  };
  return {
    app,
    authorization,
    get: (url, caller) => call('GET', url, caller),
    post: (url, caller, body = {}) => call('POST', url, caller, body),
    close: () => app.close(),
  };
}
