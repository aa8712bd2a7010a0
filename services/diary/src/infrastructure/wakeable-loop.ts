import { setTimeout as sleep } from 'node:timers/promises';
import type { Wakeups } from './wakeups';

/**
 * Runs `round` until stopped: again at once after a full round, else after `idleMs` or as soon
 * as the consumer commits something (Wakeups). A failed round is reported and retried.
 */
export class WakeableLoop {
  private readonly stopping = new AbortController();
  private running: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;
  private readonly unlisten: () => void;

  constructor(
    wakeups: Wakeups,
    private readonly options: {
      round(): Promise<'full' | 'partial'>;
      idleMs: number;
      onError(error: unknown): void;
    },
  ) {
    this.unlisten = wakeups.listen(() => this.wake?.());
  }

  start(): void {
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.unlisten();
    this.stopping.abort();
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    const { signal } = this.stopping;
    while (!signal.aborted) {
      let result: 'full' | 'partial' = 'partial';
      try {
        result = await this.options.round();
      } catch (error) {
        this.options.onError(error);
      }
      if (result === 'full') continue;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        void sleep(this.options.idleMs, undefined, { signal })
          .catch(() => undefined)
          .then(resolve);
      });
    }
  }
}
