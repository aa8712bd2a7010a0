import { Logger } from '@nestjs/common';

interface Waiter {
  version: number;
  resolve: () => void;
}

const POLL_MS = 100;

/**
 * Read-your-writes: `caughtUp` resolves once a service's read models include a stream version.
 * This process's projector reports what it applied (`projected`); the read store is polled too
 * (`storedVersion`, the store-specific check), for events another replica projected. After the
 * timeout it answers false: the command's events are recorded either way, only its reads lag.
 */
export abstract class ProjectionWaiter {
  private readonly applied = new Map<string, number>();
  private readonly waiters = new Map<string, Set<Waiter>>();

  protected constructor(private readonly logger: Logger) {}

  /** The stream version the read store holds: what every replica has projected. */
  protected abstract storedVersion(streamId: string): Promise<number>;

  projected(streamId: string, version: number): void {
    if ((this.applied.get(streamId) ?? 0) < version) this.applied.set(streamId, version);
    for (const waiter of this.waiters.get(streamId) ?? []) {
      if (waiter.version <= version) waiter.resolve();
    }
  }

  async caughtUp(streamId: string, version: number, timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while ((this.applied.get(streamId) ?? 0) < version) {
      if ((await this.storedVersion(streamId)) >= version) return true;
      if (Date.now() > deadline) {
        this.logger.warn({ message: 'read models lag behind the command', streamId, version });
        return false;
      }
      await this.until(streamId, version, POLL_MS);
    }
    return true;
  }

  private until(streamId: string, version: number, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.waiters.get(streamId) ?? new Set<Waiter>();
      this.waiters.set(streamId, waiters);
      const waiter: Waiter = { version, resolve: () => done() };
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(waiter);
        if (waiters.size === 0) this.waiters.delete(streamId);
        resolve();
      };
      waiters.add(waiter);
    });
  }
}
