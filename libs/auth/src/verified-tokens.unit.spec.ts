import type { Principal } from './access-token';
import { VerifiedTokens } from './verified-tokens';

const principal = (expiresAt: number): Principal => ({
  subject: 's',
  kind: 'user',
  grants: [],
  tokenId: 'j',
  expiresAt: new Date(expiresAt),
});

describe('VerifiedTokens', () => {
  it('remembers a token until it expires', () => {
    let now = 1000;
    const cache = new VerifiedTokens(10, () => now);
    cache.set('a.b.c', principal(2000));
    expect(cache.get('a.b.c')).toEqual(principal(2000));
    expect(cache.get('a.b.d')).toBeUndefined();
    now = 2000;
    expect(cache.get('a.b.c')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('drops the oldest token when full', () => {
    const cache = new VerifiedTokens(2, () => 0);
    cache.set('one', principal(10));
    cache.set('two', principal(10));
    cache.set('three', principal(10));
    expect([cache.get('one'), cache.get('two'), cache.get('three')].map(Boolean)).toEqual([
      false,
      true,
      true,
    ]);
  });
});
