import { ACCESS_TOKEN_MAX_TTL_SECONDS, ACCESS_TOKEN_TYPE, SIGNING_ALGORITHM } from '@ejournal/auth';
import { freePort } from '@ejournal/testing';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

export const ISSUER = 'bench-identity';
export const AUDIENCE = 'ejournal';

/**
 * Identity's three answers the archive needs, inside the bench: its JWKS, a client-credentials
 * token for the archive's service account, and `POST /people/batch` naming the bench's
 * generated people (the real identity is measured by its own bench). Tokens of a head of the
 * school sign the documents through the archive's API.
 */
export async function startIdentityStandIn(schoolId: string) {
  const kid = `bench-${Date.now().toString(36)}`;
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { crv: 'Ed25519' });
  const jwks = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALGORITHM, use: 'sig' }],
  });
  const sign = (subject: string, kind: string, grants: unknown[]) => {
    const iat = Math.floor(Date.now() / 1000);
    return new SignJWT({ kind, grants })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: ACCESS_TOKEN_TYPE })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(subject)
      .setJti(randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(iat + ACCESS_TOKEN_MAX_TTL_SECONDS)
      .sign(privateKey);
  };
  let namesServed = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async (): Promise<void> => {
      const json = (status: number, body: unknown) =>
        response
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      if (request.url === '/.well-known/jwks.json') return void json(200, JSON.parse(jwks));
      if (request.url === '/auth/token') {
        const token = await sign('archive', 'service', [
          { role: 'service', scope: { kind: 'region', id: 'region-91' } },
        ]);
        return void json(200, {
          access_token: token,
          token_type: 'Bearer',
          expires_in: ACCESS_TOKEN_MAX_TTL_SECONDS,
        });
      }
      if (request.url === '/people/batch') {
        const { personIds } = JSON.parse(Buffer.concat(chunks).toString()) as {
          personIds: string[];
        };
        namesServed += personIds.length;
        return void json(200, {
          people: personIds.map((personId, index) => ({
            personId,
            surname: ['Ершов', 'Ёлкина', 'Абрамова', 'Жуков', 'Белов'][index % 5],
            givenName: ['Пётр', 'Анна', 'Вера', 'Олег', 'Юрий'][index % 5],
            patronymic: 'Сергеевич',
            erased: false,
          })),
        });
      }
      json(404, { code: 'NOT_FOUND' });
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    headToken: () =>
      sign('head-1', 'user', [{ role: 'head', scope: { kind: 'school', id: schoolId } }]),
    namesServed: () => namesServed,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
