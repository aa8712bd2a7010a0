import type { RecordedEvent } from '@ejournal/contracts';
import { errorCodeOf, quarantineAndRebuild, type DeadLetter } from '@ejournal/messaging';
import type { Logger } from '@nestjs/common';
import { allModels, type JournalReadModels } from '../documents/read-model-schemas';

export const MAX_ATTEMPTS = 5;

/**
 * The subscription retries a failed event from its checkpoint, which would hold back every
 * journal behind one poison event. After {@link MAX_ATTEMPTS} failures the event is dead-
 * lettered instead: its journal's documents are quarantined (readers show them as stale) and
 * rebuilt from the store in the background; the journal's later events wait in that rebuild.
 */
export class PoisonEvents {
  private readonly failures = new Map<string, number>();
  /** Streams waiting for their rebuild, with the error that dead-lettered their first event. */
  private readonly quarantined = new Map<string, { code: string; message: string }>();
  private readonly hook: ReturnType<typeof quarantineAndRebuild>;

  constructor(
    private readonly name: string,
    models: JournalReadModels,
    rebuild: (streamId: string) => Promise<void>,
    private readonly logger: Logger,
  ) {
    this.hook = quarantineAndRebuild({
      models: allModels(models).map((each) => each.model),
      rebuild: async (streamId) => {
        await rebuild(streamId);
        this.quarantined.delete(streamId);
      },
      onRebuildError: (streamId, error) =>
        this.logger.error({ message: 'rebuild failed; still quarantined', streamId, error }),
    });
  }

  /** Runs `apply`; rethrows to have the event retried, or dead-letters it once retries are spent. */
  async handle(event: RecordedEvent, apply: (event: RecordedEvent) => Promise<unknown>) {
    const cause = this.quarantined.get(event.streamId);
    if (cause) return this.deadLetter(event, cause.code, cause.message, 0);
    try {
      await apply(event);
      this.failures.delete(event.eventId);
    } catch (error) {
      const attempts = (this.failures.get(event.eventId) ?? 0) + 1;
      if (attempts < MAX_ATTEMPTS) {
        this.failures.set(event.eventId, attempts);
        throw error;
      }
      this.failures.delete(event.eventId);
      const message = error instanceof Error ? error.message : String(error);
      await this.deadLetter(event, errorCodeOf(error), message, attempts);
    }
  }

  /** True while the stream's events are dead-lettered, waiting for its rebuild. */
  isQuarantined(streamId: string): boolean {
    return this.quarantined.has(streamId);
  }

  /** Resolves when the rebuilds under way have ended. */
  idle(): Promise<void> {
    return this.hook.idle();
  }

  /** Shutdown: failed rebuilds are not retried any more; one in progress is waited for. */
  stop(): Promise<void> {
    return this.hook.stop();
  }

  private async deadLetter(event: RecordedEvent, code: string, message: string, attempts: number) {
    if (!this.quarantined.has(event.streamId)) {
      this.quarantined.set(event.streamId, { code, message });
    }
    const letter: DeadLetter = {
      groupId: this.name,
      topic: 'event-store',
      partition: 0,
      offset: event.globalPosition,
      streamId: event.streamId,
      event,
      errorCode: code,
      errorMessage: message,
      attempts,
    };
    if (attempts > 0) {
      const { streamId, streamVersion, eventId } = event;
      this.logger.error({ message: 'event dead-lettered', code, streamId, streamVersion, eventId });
    }
    await this.hook.onDeadLetter(letter);
  }
}
