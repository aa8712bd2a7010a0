import type { OutboxStore, PendingCommand } from './outbox-store';
import type { Problem } from './problems';
import { ProblemError } from './problems';

export type Sender = (command: PendingCommand) => Promise<unknown>;

export type OutboxEvent =
  | { kind: 'sent'; command: PendingCommand; answer: unknown }
  | { kind: 'refused'; command: PendingCommand; problem: Problem }
  | { kind: 'waiting'; pending: number };

/**
 * The offline queue: every entry is written to the store and removed only once the service
 * answered it (accepted or refused). Sent one at a time in the order entered, each with its own
 * Idempotency-Key, so a retry after a lost answer records nothing twice. The tab keeps the
 * queue in memory too, so an entry is sent while its store write is still committing: it is
 * reported sent only once that write is done, and reported waiting only once it is stored.
 */
export class Outbox {
  private flushing: Promise<void> | null = null;
  private again = false;
  private queue: Promise<PendingCommand[]> | null = null;
  /** Each entry's store write, by key: settled once it is durable (or failed). */
  private readonly writes = new Map<string, Promise<unknown>>();
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
    const queue = await this.loaded();
    queue.push(command);
    // A failed write leaves the entry in memory only: it is still sent while the tab lives.
    this.writes.set(
      command.key,
      this.store.put(command).catch(() => undefined),
    );
    await this.flush();
  }

  /** What waits, oldest first: entries left by an earlier session included. */
  async pending(): Promise<PendingCommand[]> {
    return [...(await this.loaded())];
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

  private loaded(): Promise<PendingCommand[]> {
    this.queue ??= this.store.all();
    return this.queue;
  }

  private async round(): Promise<void> {
    const queue = await this.loaded();
    const removals: Promise<void>[] = [];
    try {
      for (let command = queue[0]; command; command = queue[0]) {
        let answer: unknown;
        try {
          answer = await this.send(command);
        } catch (error) {
          if (
            error instanceof ProblemError &&
            error.problem.status < 500 &&
            error.problem.status !== 429
          ) {
            removals.push(this.settle(queue, command));
            this.emit({ kind: 'refused', command, problem: error.problem });
            continue;
          }
          // Not answered (offline, a service restarting): everything stays, in order, and is
          // counted as it is now (entries typed meanwhile included), once it is all stored.
          await Promise.all(queue.map((waiting) => this.writes.get(waiting.key)));
          this.emit({ kind: 'waiting', pending: queue.length });
          return;
        }
        const written = this.writes.get(command.key);
        removals.push(this.settle(queue, command));
        await written;
        this.emit({ kind: 'sent', command, answer });
      }
      this.emit({ kind: 'waiting', pending: 0 });
    } finally {
      await Promise.all(removals);
    }
  }

  /** Answered: out of the queue, and out of the store once its write is done. */
  private settle(queue: PendingCommand[], command: PendingCommand): Promise<void> {
    queue.shift();
    const written = this.writes.get(command.key) ?? Promise.resolve();
    this.writes.delete(command.key);
    return written.then(() => this.store.remove(command.key)).catch(() => undefined);
  }

  private emit(event: OutboxEvent) {
    for (const listener of this.listeners) listener(event);
  }
}
