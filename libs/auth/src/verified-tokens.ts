import type { Principal } from './access-token';

/**
 * Tokens already verified, keyed by the whole token (a changed byte is another key), each kept
 * until the token expires, the oldest dropped first when full. A client reuses its token for
 * every request of its few minutes, so most requests skip the signature check.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Principal>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): Principal | undefined {
    const principal = this.entries.get(token);
    if (principal && principal.expiresAt.getTime() <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return principal;
  }

  set(token: string, principal: Principal): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, principal);
  }

  get size(): number {
    return this.entries.size;
  }
}
