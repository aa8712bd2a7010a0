import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet, type JWTPayload } from 'jose';
import { ACCESS_TOKEN_TYPE, SIGNING_ALGORITHM } from './access-token';

export const TEST_ISSUER = 'https://identity.test';
export const TEST_AUDIENCE = 'ejournal';

export interface TestKey {
  kid: string;
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  publicJwk: JSONWebKeySet['keys'][number];
}

/** An Ed25519 key pair for specs (not exported from the lib's index). */
export async function testKey(kid: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { crv: 'Ed25519' });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALGORITHM, use: 'sig' };
  return { kid, privateKey, publicJwk };
}

export interface TestTokenOptions {
  claims?: JWTPayload;
  lifetimeSeconds?: number;
  issuedAt?: number;
  typ?: string;
}

export function signTestToken(key: TestKey, options: TestTokenOptions = {}): Promise<string> {
  const iat = options.issuedAt ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ kind: 'user', grants: [], ...options.claims })
    .setProtectedHeader({
      alg: SIGNING_ALGORITHM,
      kid: key.kid,
      typ: options.typ ?? ACCESS_TOKEN_TYPE,
    })
    .setIssuer(String(options.claims?.iss ?? TEST_ISSUER))
    .setAudience(options.claims?.aud ?? TEST_AUDIENCE)
    .setSubject(String(options.claims?.sub ?? 'person-1'))
    .setJti('token-1')
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.lifetimeSeconds ?? 300))
    .sign(key.privateKey);
}
