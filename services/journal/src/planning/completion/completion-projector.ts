import type { RecordedEvent } from '@ejournal/contracts';
import type { EventStore, GlobalCheckpoint, Subscription } from '@ejournal/event-store';
import { PostgresRelayLease } from '@ejournal/messaging';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { APP_POOL, APP_URL, EVENT_STORE } from '../../infrastructure/tokens';
import {
  READ_MODELS,
  type JournalReadModels,
} from '../../read-models/documents/read-model-schemas';
import { rebuildRequested } from '../../read-models/projector/projection-pause';
import { completionChanges, isCompletionSource } from './completion-changes';
import { COMPLETION_MODELS, type CompletionModels } from './completion-documents';
import { CompletionKeeper } from './completion-keeper';
import { CompletionSources } from './completion-sources';

/** The completion projection's subscription in the store, and the name of its lease. */
export const COMPLETION_PROJECTION = 'journal-completion';
const BATCH = 500;
const LEASE_RETRY_MS = 1000;
const LEASE_CHECK_MS = 1000;

/**
 * Keeps programme completion's read models (completion_journals, completion_schools) from the
 * store's journal, planning and thematic-plan streams. A catch-up subscription over the whole
 * store hands over one event; the projector reads the events recorded after it (one page),
 * works out which journals and school years they change, recomputes those (CompletionKeeper,
 * once the journal's own read models hold its events) and skips the page's events when the
 * subscription hands them over. The checkpoint is stored after them, so a crash recomputes
 * them again, which changes nothing. One writer across replicas under its own lease, paused
 * like the journal's projection while an operator's rebuild runs.
 */
@Injectable()
export class CompletionProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('journal-completion');
  private readonly keeper: CompletionKeeper;
  private readonly written = new Set<string>();
  private subscription: Subscription | null = null;
  private readonly stopping = new AbortController();
  private leading: Promise<void> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(COMPLETION_MODELS) models: CompletionModels,
    @Inject(READ_MODELS) journalModels: JournalReadModels,
    @Inject(APP_URL) private readonly storeUrl: string,
    @Inject(APP_POOL) private readonly pool: Pool,
    sources: CompletionSources,
  ) {
    this.keeper = new CompletionKeeper(models, journalModels, sources, (journalId, wanted, held) =>
      this.logger.warn({
        message: 'journal read models behind; completion counted them as they stand',
        journalId,
        wanted,
        held,
      }),
    );
  }

  onApplicationBootstrap(): void {
    this.leading = this.leadWhileHeld();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.leading;
  }

  private async leadWhileHeld(): Promise<void> {
    const { signal } = this.stopping;
    const pause = () => sleep(LEASE_RETRY_MS, undefined, { signal }).catch(() => undefined);
    while (!signal.aborted) {
      const lease = new PostgresRelayLease({
        connectionString: this.storeUrl,
        name: COMPLETION_PROJECTION,
        holder: 'projection',
        retryMs: LEASE_RETRY_MS,
      });
      try {
        while (!signal.aborted && (await rebuildRequested(this.pool))) await pause();
        if (!(await lease.acquire(signal))) return;
        this.subscription = this.subscribe();
        while (!signal.aborted && (await lease.confirm())) {
          if (await rebuildRequested(this.pool)) break;
          await sleep(LEASE_CHECK_MS, undefined, { signal }).catch(() => undefined);
        }
      } catch (error) {
        this.logger.error({ message: 'completion lease failed; retrying', error: String(error) });
        await pause();
      } finally {
        await this.subscription?.stop();
        this.subscription = null;
        this.written.clear();
        await lease.release();
      }
    }
  }

  private subscribe(): Subscription {
    return this.store.subscribe({
      name: COMPLETION_PROJECTION,
      batchSize: BATCH,
      handler: async (event, { checkpoint }) => {
        if (this.written.delete(event.eventId) || !isCompletionSource(event.streamId)) return;
        await this.applyAhead(event, checkpoint);
      },
      onError: (error) => {
        if (this.stopping.signal.aborted) return; // the wait for the journal's read models, ended
        this.logger.error({ message: 'completion failed; retrying', error: String(error) });
      },
    });
  }

  /** The event and the page recorded after it, as one set of changes. */
  private async applyAhead(head: RecordedEvent, checkpoint: GlobalCheckpoint): Promise<void> {
    const ahead = await this.store.readAll(checkpoint, { limit: BATCH - 1 });
    const events = ahead.entries
      .map((entry) => entry.event)
      .filter((event) => !this.written.has(event.eventId));
    await this.keeper.apply(completionChanges([head, ...events]), this.stopping.signal);
    for (const event of events) this.written.add(event.eventId);
  }
}
