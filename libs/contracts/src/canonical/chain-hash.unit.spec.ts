import { createHash } from 'node:crypto';
import { chainHash, GENESIS_PREV_HASH } from './chain-hash';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();

describe('chainHash', () => {
  const first = Buffer.from('{"streamVersion":1}');
  const second = Buffer.from('{"streamVersion":2}');

  it('chains the first event of a stream from 32 zero bytes', () => {
    expect(GENESIS_PREV_HASH).toEqual(Buffer.alloc(32));
    expect(chainHash(null, first)).toEqual(sha256(Buffer.concat([Buffer.alloc(32), first])));
  });

  it('prefixes the previous hash to the canonical bytes of the next event', () => {
    const h1 = chainHash(null, first);
    expect(chainHash(h1, second)).toEqual(sha256(Buffer.concat([h1, second])));
  });

  it('gives a fixed, reproducible value an auditor can recompute with sha256sum', () => {
    // printf '\0%.0s' {1..32} | cat - <(printf '{}') | sha256sum
    expect(chainHash(null, Buffer.from('{}')).toString('hex')).toBe(
      'fb1634c4e6cd4b1f1afe3ce2d6ef080f7ac5d1f357d723ad4dfca782733b62db',
    );
  });

  it('refuses a previous hash that is not 32 bytes', () => {
    expect(() => chainHash(Buffer.alloc(31), first)).toThrow('prevHash must be 32 bytes, got 31');
  });
});
