import { randomBytes } from 'node:crypto';
import { seal, unseal } from './sealing';

describe('seal and unseal (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('opens what it sealed, with the same key and associated data only', () => {
    const sealed = seal(Buffer.from('whsec_secret'), key, 'endpoint-1');
    expect(sealed.includes(Buffer.from('whsec_secret'))).toBe(false);
    expect(unseal(sealed, key, 'endpoint-1').toString()).toBe('whsec_secret');
    expect(() => unseal(sealed, key, 'endpoint-2')).toThrow();
    expect(() => unseal(sealed, randomBytes(32), 'endpoint-1')).toThrow();
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 1;
    expect(() => unseal(flipped, key, 'endpoint-1')).toThrow();
  });

  it('seals the same value differently each time (a fresh nonce)', () => {
    const plain = Buffer.from('same');
    expect(seal(plain, key, 'a').equals(seal(plain, key, 'a'))).toBe(false);
  });
});
