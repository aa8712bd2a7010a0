import type { OutboxStore, PendingCommand } from './outbox-store';
import type { Problem } from './problems';
import { ProblemError } from './problems';

export type Sender = (command: PendingCommand) => Promise<unknown>;

export type OutboxEvent =
  | { kind: 'sent'; command: PendingCommand; answer: unknown }
  | { kind: 'refused'; command: PendingCommand; problem: Problem }
  | { kind: 'waiting'; pending: number };

/**
 * The offline queue: every entry is stored before it is sent and removed only once the
 * service answered it (accepted or refused). Sent one at a time in the order entered, each
 * with its own Idempotency-Key, so a retry after a lost answer records nothing twice.
 */
export class Outbox {
  private flushing: Promise<void> | null = null;
  private again = false;
  private readonly listeners = new Set<(event: OutboxEvent) => void>();

  constructor(
    private readonly store: OutboxStore,
    private readonly send: Sender,
  ) {}

  subscribe(listener: (event: OutboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async submit(command: PendingCommand): Promise<void> {
    await this.store.put(command);
    await this.flush();
  }

  pending(): Promise<PendingCommand[]> {
    return this.store.all();
  }

  /** Sends what waits; a call during a flush runs another round after it. */
  flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      do {
        this.again = false;
        await this.round();
      } while (this.again);
    })().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async round(): Promise<void> {
    const waiting = await this.store.all();
    for (const command of waiting) {
      try {
        const answer = await this.send(command);
        await this.store.remove(command.key);
        this.emit({ kind: 'sent', command, answer });
      } catch (error) {
        if (
          error instanceof ProblemError &&
          error.problem.status < 500 &&
          error.problem.status !== 429
        ) {
          await this.store.remove(command.key);
          this.emit({ kind: 'refused', command, problem: error.problem });
          continue;
        }
        // Not answered (offline, a service restarting): everything stays, in order, and is
        // counted as it is now (entries typed meanwhile included).
        this.emit({ kind: 'waiting', pending: (await this.store.all()).length });
        return;
      }
    }
    this.emit({ kind: 'waiting', pending: 0 });
  }

  private emit(event: OutboxEvent) {
    for (const listener of this.listeners) listener(event);
  }
}
