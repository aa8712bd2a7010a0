import { Inject, Injectable, Logger } from '@nestjs/common';
import { versionOf } from '../documents/bookkeeping';
import type { JournalState } from '../documents/journal-documents';
import { READ_MODELS, type JournalReadModels, type Stored } from '../documents/read-model-schemas';
import { journalIdOf } from '../projection/journal-event';

interface Waiter {
  version: number;
  resolve: () => void;
}

const POLL_MS = 100;

/**
 * Read-your-writes for commands: `caughtUp` resolves once the journal's read models include a
 * stream version. This process's projector reports each batch it applied (`projected`); the
 * journal header's stored version is polled too, for events another replica projected. The
 * header is the last document a batch writes, so its version covers every document.
 */
@Injectable()
export class ProjectionWaiter {
  private readonly logger = new Logger('journal-read-models');
  private readonly applied = new Map<string, number>();
  private readonly waiters = new Map<string, Set<Waiter>>();

  constructor(@Inject(READ_MODELS) private readonly models: JournalReadModels) {}

  projected(streamId: string, version: number): void {
    if ((this.applied.get(streamId) ?? 0) < version) this.applied.set(streamId, version);
    for (const waiter of this.waiters.get(streamId) ?? []) {
      if (waiter.version <= version) waiter.resolve();
    }
  }

  /**
   * True once `version` of the stream is in the read models; false after the timeout: the
   * command's events are recorded either way, only its reads lag.
   */
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

  private async storedVersion(streamId: string): Promise<number> {
    const header = await this.models.journals
      .findById(journalIdOf(streamId), { versions: 1 })
      .lean<Stored<JournalState>>();
    return versionOf(header, streamId);
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
