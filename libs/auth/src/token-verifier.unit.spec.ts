import { createLocalJWKSet, SignJWT, base64url, type JWTVerifyGetKey } from 'jose';
import { TokenVerifier } from './token-verifier';
import { signTestToken, TEST_AUDIENCE, TEST_ISSUER, testKey, type TestKey } from './test-keys';

const GRANTS = [{ role: 'teacher', scope: { kind: 'school', id: 'school-1' } }];

describe('TokenVerifier', () => {
  let current: TestKey;
  let verifier: TokenVerifier;
  beforeAll(async () => {
    current = await testKey('key-1');
    verifier = new TokenVerifier({
      keys: createLocalJWKSet({ keys: [current.publicJwk] }),
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      cacheEntries: 0,
    });
  });

  const failure = async (token: string) => {
    try {
      await verifier.verify(token);
    } catch (error) {
      return {
        status: (error as { status: number }).status,
        code: (error as { code: string }).code,
      };
    }
    throw new Error('the token was accepted');
  };

  it('accepts a valid token and exposes its subject and grants', async () => {
    const token = await signTestToken(current, { claims: { sub: 'person-7', grants: GRANTS } });
    const principal = await verifier.verify(token);
    expect(principal).toMatchObject({ subject: 'person-7', kind: 'user', grants: GRANTS });
    expect(principal.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses a tampered token (grants widened after signing) with 401', async () => {
    const [header, , signature] = (
      await signTestToken(current, { claims: { grants: GRANTS } })
    ).split('.');
    const forged = base64url.encode(
      JSON.stringify({
        sub: 'person-1',
        iss: TEST_ISSUER,
        aud: TEST_AUDIENCE,
        kind: 'user',
        jti: 'x',
        iat: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + 300,
        grants: [{ role: 'regional_operator', scope: { kind: 'region', id: 'region-91' } }],
      }),
    );
    expect(await failure(`${header}.${forged}.${signature}`)).toEqual({
      status: 401,
      code: 'AUTH.TOKEN_INVALID',
    });
  });

  it('refuses an expired token with 401', async () => {
    const issuedAt = Math.floor(Date.now() / 1000) - 900;
    const token = await signTestToken(current, { issuedAt, lifetimeSeconds: 300 });
    expect(await failure(token)).toEqual({ status: 401, code: 'AUTH.TOKEN_EXPIRED' });
  });

  it('refuses a token for another audience with 401', async () => {
    const token = await signTestToken(current, { claims: { aud: 'another-platform' } });
    expect(await failure(token)).toEqual({ status: 401, code: 'AUTH.TOKEN_WRONG_AUDIENCE' });
  });

  it('refuses a token from another issuer with 401', async () => {
    const token = await signTestToken(current, { claims: { iss: 'https://evil.test' } });
    expect(await failure(token)).toEqual({ status: 401, code: 'AUTH.TOKEN_WRONG_ISSUER' });
  });

  it('refuses a token signed by a key that is not published with 401', async () => {
    const stranger = await testKey('key-9');
    expect(await failure(await signTestToken(stranger))).toEqual({
      status: 401,
      code: 'AUTH.UNKNOWN_KEY',
    });
  });

  it('refuses a token signed by another key under a published key id with 401', async () => {
    const impostor = { ...(await testKey('key-1')) };
    expect(await failure(await signTestToken(impostor))).toEqual({
      status: 401,
      code: 'AUTH.TOKEN_INVALID',
    });
  });

  it('refuses an unsigned token (alg none) and a token of another type with 401', async () => {
    const unsigned = `${base64url.encode('{"alg":"none","typ":"at+jwt"}')}.${base64url.encode('{"sub":"x"}')}.`;
    expect(await failure(unsigned)).toEqual({ status: 401, code: 'AUTH.TOKEN_INVALID' });
    expect(await failure(await signTestToken(current, { typ: 'JWT' }))).toEqual({
      status: 401,
      code: 'AUTH.TOKEN_INVALID',
    });
  });

  it('refuses a token living longer than ten minutes with 401', async () => {
    const token = await signTestToken(current, { lifetimeSeconds: 3600 });
    expect(await failure(token)).toEqual({ status: 401, code: 'AUTH.TOKEN_INVALID' });
  });

  it('refuses malformed grants with 401', async () => {
    const token = await signTestToken(current, {
      claims: { grants: [{ role: 'emperor', scope: {} }] },
    });
    expect(await failure(token)).toEqual({ status: 401, code: 'AUTH.TOKEN_INVALID' });
  });

  it('refuses a token signed with HMAC over the public key (algorithm confusion) with 401', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(current.publicJwk));
    const token = await new SignJWT({ kind: 'user', grants: [] })
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1', typ: 'at+jwt' })
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setSubject('x')
      .setJti('j')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(secret);
    expect(await failure(token)).toEqual({ status: 401, code: 'AUTH.TOKEN_INVALID' });
  });

  it('verifies a token once and serves it again from memory, never a changed one', async () => {
    let keyLookups = 0;
    const keys = createLocalJWKSet({ keys: [current.publicJwk] });
    const counting: JWTVerifyGetKey = (header, token) => {
      keyLookups += 1;
      return keys(header, token);
    };
    const cached = new TokenVerifier({
      keys: counting,
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
    });
    const token = await signTestToken(current, { claims: { grants: GRANTS } });
    await cached.verify(token);
    await cached.verify(token);
    expect(keyLookups).toBe(1);
    const changed = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(cached.verify(changed)).rejects.toMatchObject({ status: 401 });
  });
});
