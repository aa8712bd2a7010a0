import type { IdentityConfig } from '../config';
import { SignInRateLimiter } from './rate-limiter';

describe('SignInRateLimiter', () => {
  it('lets an address try a given number of times a minute, then answers 429 until the minute ends', () => {
    let now = 1_000_000;
    const limiter = new SignInRateLimiter(
      { SIGN_IN_PER_IP_PER_MINUTE: 3 } as IdentityConfig,
      () => new Date(now),
    );
    for (let attempt = 0; attempt < 3; attempt += 1) limiter.take('10.0.0.1');
    expect(() => limiter.take('10.0.0.1')).toThrow(
      expect.objectContaining({
        status: 429,
        code: 'IDENTITY.TOO_MANY_ATTEMPTS',
        headers: { 'retry-after': '60' },
      }),
    );
    expect(() => limiter.take('10.0.0.2')).not.toThrow();
    now += 60_000;
    expect(() => limiter.take('10.0.0.1')).not.toThrow();
  });
});
