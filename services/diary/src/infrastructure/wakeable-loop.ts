import { setTimeout as sleep } from 'node:timers/promises';
import type { Wakeups } from './wakeups';

/**
 * Runs `round` until stopped: again at once after a full round, else after `idleMs` or as soon
 * as the consumer commits something (Wakeups). A failed round is reported and retried.
 * With `settleMs`, a wake-up less than that after the last round began waits out the rest:
 * under a stream of commits (one wake-up per journal event) rounds then take what gathered
 * meanwhile in one go, instead of one transaction (and one Kafka produce) per event.
 */
export class WakeableLoop {
  private readonly stopping = new AbortController();
  private running: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;
  /** A commit was announced since the current round began: the next one must not sleep. */
  private woken = false;
  private readonly unlisten: () => void;

  constructor(
    wakeups: Wakeups,
    private readonly options: {
      round(): Promise<'full' | 'partial'>;
      idleMs: number;
      settleMs?: number;
      onError(error: unknown): void;
    },
  ) {
    this.unlisten = wakeups.listen(() => {
      this.woken = true;
      this.wake?.();
    });
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
      const began = performance.now();
      this.woken = false;
      let result: 'full' | 'partial' | 'failed' = 'partial';
      try {
        result = await this.options.round();
      } catch (error) {
        this.options.onError(error);
        result = 'failed';
      }
      if (result === 'full') continue;
      if (!this.woken || result === 'failed') {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          void sleep(this.options.idleMs, undefined, { signal })
            .catch(() => undefined)
            .then(resolve);
        });
        this.wake = null;
      }
      const early = (this.options.settleMs ?? 0) - (performance.now() - began);
      if (early > 0) await sleep(early, undefined, { signal }).catch(() => undefined);
    }
  }
}
