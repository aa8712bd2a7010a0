import { ACCESS_TOKEN_MAX_TTL_SECONDS, ACCESS_TOKEN_TYPE, SIGNING_ALGORITHM } from '@ejournal/auth';
import { freePort } from '@ejournal/testing';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { AUDIENCE, ISSUER } from '../journal/tokens';

type Scope = { kind: 'region' | 'school'; id: string };

/** Identity's side of tokens for the planning bench: any role over a school or the region. */
export async function startRegionTokens() {
  const kid = `bench-planning-${Date.now().toString(36)}`;
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { crv: 'Ed25519' });
  const jwks = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALGORITHM, use: 'sig' }],
  });
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    token(userId: string, role: string, scope: Scope): Promise<string> {
      const iat = Math.floor(Date.now() / 1000);
      return new SignJWT({ kind: 'user', grants: [{ role, scope }] })
        .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: ACCESS_TOKEN_TYPE })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(userId)
        .setJti(randomUUID())
        .setIssuedAt(iat)
        .setExpirationTime(iat + ACCESS_TOKEN_MAX_TTL_SECONDS)
        .sign(privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
