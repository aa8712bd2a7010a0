import type { RecordedEvent } from '@ejournal/contracts';
import type { EventStore, Subscription } from '@ejournal/event-store';
import { ReadModelGapError, type ApplyResult } from '@ejournal/messaging';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { READ_MODELS, type JournalReadModels } from '../documents/read-model-schemas';
import { JOURNAL_CATEGORY } from '../projection/journal-event';
import { rebuildJournal } from '../rebuild/rebuild-read-models';
import { applyJournalEvent } from './apply-journal-event';
import { KeyedLock } from './keyed-lock';
import { PoisonEvents } from './poison-events';
import { ProjectionWaiter } from './projection-waiter';

export const PROJECTION_NAME = 'journal-read-models';

/**
 * Keeps the journal read models from the store's `journal-*` streams: a durable catch-up
 * subscription applies each event once (per-stream versions in the documents), a failure is
 * retried from the checkpoint, a poison event is dead-lettered (PoisonEvents), and a gap in
 * a journal's documents (dropped, or left behind by a rebuild) is healed by rebuilding that
 * journal from its stream.
 */
@Injectable()
export class JournalProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('journal-read-models');
  private readonly streams = new KeyedLock();
  private readonly poison: PoisonEvents;
  private subscription: Subscription | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly models: JournalReadModels,
    private readonly waiter: ProjectionWaiter,
  ) {
    const rebuild = (streamId: string) => this.rebuild(streamId).then(() => undefined);
    this.poison = new PoisonEvents(PROJECTION_NAME, models, rebuild, this.logger);
  }

  onApplicationBootstrap(): void {
    this.subscription = this.store.subscribe({
      name: PROJECTION_NAME,
      category: JOURNAL_CATEGORY,
      handler: (event) => this.poison.handle(event, (each) => this.apply(each)),
      onError: (error) =>
        this.logger.error({ message: 'projection failed; retrying', error: String(error) }),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    await this.poison.idle();
  }

  /** Applies one recorded event of a journal stream; applying it again changes nothing. */
  apply(event: RecordedEvent): Promise<ApplyResult> {
    return this.streams.run(event.streamId, async () => {
      let result: ApplyResult;
      try {
        result = await applyJournalEvent(this.models, event);
      } catch (error) {
        if (!(error instanceof ReadModelGapError)) throw error;
        const { streamId, streamVersion, appliedVersion } = error;
        this.logger.warn({ message: 'gap; rebuilding', streamId, streamVersion, appliedVersion });
        await this.rebuildNow(event.streamId);
        result = await applyJournalEvent(this.models, event);
      }
      this.waiter.projected(event.streamId, event.streamVersion);
      return result;
    });
  }

  /** Rebuilds one journal from its stream, in turn with the events being applied to it. */
  rebuild(streamId: string): Promise<number> {
    return this.streams.run(streamId, () => this.rebuildNow(streamId));
  }

  private async rebuildNow(streamId: string): Promise<number> {
    const version = await rebuildJournal({ store: this.store, models: this.models }, streamId);
    this.waiter.projected(streamId, version);
    return version;
  }
}
