import { ACCESS_TOKEN_MAX_TTL_SECONDS, ACCESS_TOKEN_TYPE, SIGNING_ALGORITHM } from '@ejournal/auth';
import { freePort } from '@ejournal/testing';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

export const ISSUER = 'bench-identity';
export const AUDIENCE = 'ejournal';
// Tokens are signed again before they come near their ten minutes.
const REUSE_MS = 4 * 60_000;

export interface TokenIssuer {
  jwksUrl: string;
  /** An access token of `userId` holding `role` over the school, as identity would issue it. */
  token(
    userId: string,
    role: 'teacher' | 'deputy_head' | 'school_admin' | 'parent',
  ): Promise<string>;
  close(): Promise<void>;
}

/**
 * Identity's side of access tokens, inside the bench: an Ed25519 key, its JWKS served on a
 * loopback port, and tokens with `typ: at+jwt`, `kind`, `grants` and a ten-minute life.
 */
export async function startTokenIssuer(schoolId: string): Promise<TokenIssuer> {
  const kid = `bench-${Date.now().toString(36)}`;
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { crv: 'Ed25519' });
  const jwks = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALGORITHM, use: 'sig' }],
  });
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const issued = new Map<string, { token: string; at: number }>();
  const sign = (userId: string, role: string) => {
    const iat = Math.floor(Date.now() / 1000);
    return new SignJWT({
      kind: 'user',
      grants: [{ role, scope: { kind: 'school', id: schoolId } }],
    })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: ACCESS_TOKEN_TYPE })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(userId)
      .setJti(randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(iat + ACCESS_TOKEN_MAX_TTL_SECONDS)
      .sign(privateKey);
  };
  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    async token(userId, role) {
      const key = `${userId} ${role}`;
      const held = issued.get(key);
      if (held && Date.now() - held.at < REUSE_MS) return held.token;
      const token = await sign(userId, role);
      issued.set(key, { token, at: Date.now() });
      return token;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
