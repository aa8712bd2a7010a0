import { randomUUID } from 'node:crypto';
import { localJwks, SIGNING_ALGORITHM, type Grant } from '@ejournal/auth';
import { loadConfig } from '@ejournal/config';
import { createHttpApp } from '@ejournal/http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { AppModule, type AppOptions } from '../app.module';
import { archiveConfigSchema } from '../config';
import { configureArchiveApp } from '../openapi';

export interface Answer {
  status: number;
  body: ReturnType<JSON['parse']>;
}

/** A person calling the archive: who (`subject`) with which grants. */
export interface Caller {
  subject: string;
  grants: Grant[];
}

/** A named caller, or only the grants (of `person-1`). */
export type Who = Caller | Grant[];

export interface ArchiveTestApp {
  app: NestFastifyApplication;
  /** An access token as identity would sign it, for a person holding `grants`. */
  token(grants: Grant[], subject?: string): Promise<string>;
  /** The `authorization` header of a caller. */
  authorization(caller: Caller): Promise<string>;
  get(url: string, who: Who): Promise<Answer>;
  post(url: string, who: Who, body?: object): Promise<Answer>;
  close(): Promise<void>;
}

/**
 * The archive in-process on the spec's own databases and topics (`environment`), with the
 * clock, signer or journal token `options` give, trusting tokens signed by a key of the spec's
 * own. Specs only.
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
  const token = (grants: Grant[], subject = 'person-1') =>
    new SignJWT({ kind: 'user', grants })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: 'spec', typ: 'at+jwt' })
      .setIssuer(config.AUTH_ISSUER)
      .setAudience(config.AUTH_AUDIENCE)
      .setSubject(subject)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
  const authorization = async ({ subject, grants }: Caller) =>
    `Bearer ${await token(grants, subject)}`;
  const call = async (method: 'GET' | 'POST', url: string, who: Who, body?: object) => {
    const caller = Array.isArray(who) ? { subject: 'person-1', grants: who } : who;
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
    token,
    authorization,
    get: (url, who) => call('GET', url, who),
    post: (url, who, body = {}) => call('POST', url, who, body),
    close: () => app.close(),
  };
}
