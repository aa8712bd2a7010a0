import { createTestDatabase } from '@ejournal/testing';
import { decodeProtectedHeader } from 'jose';
import { Client, Pool } from 'pg';
import { KeyRing } from './key-ring';
import { APP_URL, IDENTITY_CONFIG } from '../infrastructure/tokens';
import { operatorToken } from '../testing/identity-client';
import { identityTestApp, type TestApp } from '../testing/identity-test-app';

describe('signing key rotation', () => {
  let test: TestApp;
  let operator: string;
  beforeAll(async () => {
    test = await identityTestApp(await createTestDatabase('identity keys'));
    operator = await operatorToken(test);
  }, 60_000);
  afterAll(() => test?.close());

  const jwksKids = async () =>
    (await test.call('GET', '/.well-known/jwks.json')).body.keys.map(
      (key: { kid: string }) => key.kid,
    );

  it('publishes the new key, signs with it, and keeps accepting tokens of the old one until they expire', async () => {
    const oldKid = decodeProtectedHeader(operator).kid;
    expect(await jwksKids()).toEqual([oldKid]);
    const rotated = await test.call('POST', '/keys/rotate', { token: operator });
    expect(rotated.status).toBe(200);
    expect(await jwksKids()).toEqual([oldKid, rotated.body.kid]);
    expect((await test.call('GET', '/me', { token: operator })).status).toBe(200);
    const fresh = await test.call('POST', '/auth/sign-in', {
      body: { login: 'operator', password: 'operator-password-1' },
    });
    expect(decodeProtectedHeader(fresh.body.access_token).kid).toBe(rotated.body.kid);
    expect((await test.call('GET', '/me', { token: fresh.body.access_token })).status).toBe(200);
  });

  it('unpublishes the old key once its last token has expired, and other replicas follow', async () => {
    const config = test.app.get(IDENTITY_CONFIG);
    const pool = new Pool({ connectionString: test.app.get<symbol, string>(APP_URL), max: 1 });
    const later = new Date(Date.now() + (config.ACCESS_TOKEN_TTL_SECONDS + 61) * 1000);
    const replica = new KeyRing(pool, config, () => later);
    await replica.refresh();
    const kids = await jwksKids();
    expect(replica.jwks().keys.map((key) => key.kid)).toEqual([kids[1]]);
    expect(replica.signingKey().kid).toBe(kids[1]);
    await pool.end();
  });

  it('leaves out keys sealed under another encryption key instead of failing', async () => {
    const config = test.app.get(IDENTITY_CONFIG);
    const pool = new Pool({ connectionString: test.app.get<symbol, string>(APP_URL), max: 1 });
    const otherSecret = Buffer.alloc(32, 7).toString('base64');
    const misconfigured = new KeyRing(
      pool,
      { ...config, IDENTITY_KEY_ENCRYPTION_KEY: otherSecret },
      () => new Date(),
    );
    await misconfigured.refresh();
    expect(misconfigured.jwks().keys).toEqual([]);
    await pool.end();
  });

  it('keeps private keys encrypted at rest: the rows hold no PKCS #8 key in clear', async () => {
    const client = new Client({ connectionString: test.database.url });
    await client.connect();
    const { rows } = await client.query<{ private_key: Buffer; public_jwk: object }>(
      'SELECT private_key, public_jwk FROM identity.signing_keys',
    );
    await client.end();
    for (const row of rows) {
      expect(row.private_key.includes(Buffer.from('302e020100300506032b6570', 'hex'))).toBe(false);
      expect(row.public_jwk).not.toHaveProperty('d');
    }
  });

  it('needs a token to rotate keys', async () => {
    expect((await test.call('POST', '/keys/rotate')).status).toBe(401);
  });
});
