import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { remoteJwks } from './key-sources';
import { TokenVerifier } from './token-verifier';
import { signTestToken, TEST_AUDIENCE, TEST_ISSUER, testKey, type TestKey } from './test-keys';

/** A stand-in for identity's /.well-known/jwks.json on loopback: the set can be changed. */
describe('remoteJwks with TokenVerifier', () => {
  let published: TestKey[] = [];
  let fetches = 0;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((_request, response) => {
      fetches += 1;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: published.map((key) => key.publicJwk) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const verifierFor = (options: { cacheMaxAgeMs?: number; cooldownMs?: number } = {}) =>
    new TokenVerifier({
      keys: remoteJwks(url, options),
      cacheEntries: 0,
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
    });

  it('caches the set, and fetches again when a token names a new key (rotation)', async () => {
    const [first, second] = [await testKey('k1'), await testKey('k2')];
    published = [first];
    const verifier = verifierFor({ cooldownMs: 0 });
    fetches = 0;
    await verifier.verify(await signTestToken(first));
    await verifier.verify(await signTestToken(first));
    expect(fetches).toBe(1);
    published = [first, second];
    await expect(verifier.verify(await signTestToken(second))).resolves.toMatchObject({
      kind: 'user',
    });
    await expect(verifier.verify(await signTestToken(first))).resolves.toMatchObject({
      kind: 'user',
    });
    expect(fetches).toBe(2);
  });

  it('fails closed with 503 once the cached set is stale and identity does not answer', async () => {
    const key = await testKey('k3');
    published = [key];
    const verifier = verifierFor({ cacheMaxAgeMs: 50 });
    await verifier.verify(await signTestToken(key));
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 80));
    await expect(verifier.verify(await signTestToken(key))).rejects.toMatchObject({
      status: 503,
      code: 'AUTH.KEYS_UNAVAILABLE',
    });
    server.listen(0, '127.0.0.1');
  });
});
