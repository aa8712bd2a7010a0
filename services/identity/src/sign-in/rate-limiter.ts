import { TooManyRequestsProblem } from '@ejournal/http';
import { Inject, Injectable } from '@nestjs/common';
import type { IdentityConfig } from '../config';
import { CLOCK, IDENTITY_CONFIG, type Clock } from '../infrastructure/tokens';

const WINDOW_MS = 60_000;

/**
 * Attempts per client address and minute on the sign-in routes, per replica. Together with
 * the per-account lockout (kept in PostgreSQL, so shared) it slows guessing from one address
 * and guessing at one account from many.
 */
@Injectable()
export class SignInRateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  take(address: string): void {
    const now = this.clock().getTime();
    if (this.windows.size > 100_000) this.sweep(now);
    const window = this.windows.get(address);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      this.windows.set(address, { startedAt: now, count: 1 });
      return;
    }
    window.count += 1;
    if (window.count > this.config.SIGN_IN_PER_IP_PER_MINUTE) {
      const retryAfter = (window.startedAt + WINDOW_MS - now) / 1000;
      throw new TooManyRequestsProblem(
        'IDENTITY.TOO_MANY_ATTEMPTS',
        'Too many sign-in attempts from this address',
        retryAfter,
      );
    }
  }

  private sweep(now: number): void {
    for (const [address, window] of this.windows) {
      if (now - window.startedAt >= WINDOW_MS) this.windows.delete(address);
    }
  }
}
