import { Injectable } from '@nestjs/common';

/**
 * Tells the in-process pollers (document writer, notification relay) that the consumer
 * committed something, so they look now instead of at their next poll. Other replicas find
 * the rows at their next poll.
 */
@Injectable()
export class Wakeups {
  private readonly listeners = new Set<() => void>();

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  wake(): void {
    for (const listener of this.listeners) listener();
  }
}
