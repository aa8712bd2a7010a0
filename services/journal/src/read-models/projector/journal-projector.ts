import type { RecordedEvent } from '@ejournal/contracts';
import type { EventStore, GlobalCheckpoint, Subscription } from '@ejournal/event-store';
import { PostgresRelayLease, ReadModelGapError, type ApplyResult } from '@ejournal/messaging';
import { KeyedLock } from '@ejournal/write-path';
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
import { READ_MODELS, type JournalReadModels } from '../documents/read-model-schemas';
import { JOURNAL_CATEGORY } from '../projection/journal-event';
import { rebuildJournal } from '../rebuild/rebuild-read-models';
import { atMost } from './at-most';
import { applyJournalBatch } from './journal-batch';
import { PoisonEvents } from './poison-events';
import { PROJECTION_NAME } from './projection-name';
import { rebuildRequested } from './projection-pause';
import { ProjectionWaiter } from './projection-waiter';

export { PROJECTION_NAME };
/** Events per batch: the subscription's page, and the read-ahead after an event. */
const BATCH = 500;
const STREAMS_AT_ONCE = 16;
/** How often a standby replica tries for the lease, and the holder confirms it still has it. */
const LEASE_RETRY_MS = 1000;
const LEASE_CHECK_MS = 1000;

/**
 * Keeps the journal read models from the store's `journal-*` streams. A durable catch-up
 * subscription hands over one event at a time and stores its checkpoint after each page;
 * the projector takes the event with those recorded after it (one read ahead in the store),
 * groups them by stream and applies each stream's run as one batch (streams in parallel):
 * the touched documents are read once and written once (applyJournalBatch). Events a batch
 * wrote are skipped when the subscription hands them over, so the checkpoint never passes an
 * event not written. A failure is retried from the checkpoint, event by event for the failed
 * stream, a poison event is dead-lettered (PoisonEvents), and a gap in a journal's documents
 * (dropped, or left behind by a rebuild) is healed by rebuilding that journal from its stream.
 *
 * One writer across replicas: FerretDB 1.x loses concurrent updates to one document even with
 * a version filter, so only the replica holding the projection's lease (a PostgreSQL session
 * advisory lock on the store's database, PostgresRelayLease) subscribes; the others wait for
 * it. The holder confirms the lease every second and stops projecting when it is lost (the
 * session ended); a crashed holder's session ends with it and a standby takes over from the
 * subscription's checkpoint.
 */
@Injectable()
export class JournalProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('journal-read-models');
  private readonly streams = new KeyedLock();
  private readonly poison: PoisonEvents;
  /** Events written by a batch ahead of the subscription, until it hands them over. */
  private readonly written = new Set<string>();
  private subscription: Subscription | null = null;
  private readonly stopping = new AbortController();
  private leading: Promise<void> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly models: JournalReadModels,
    @Inject(APP_URL) private readonly storeUrl: string,
    @Inject(APP_POOL) private readonly pool: Pool,
    private readonly waiter: ProjectionWaiter,
  ) {
    const rebuild = (streamId: string) => this.rebuild(streamId).then(() => undefined);
    this.poison = new PoisonEvents(PROJECTION_NAME, models, rebuild, this.logger);
  }

  onApplicationBootstrap(): void {
    this.leading = this.leadWhileHeld();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.leading;
    await this.poison.stop();
  }

  /** Takes the lease (waiting while another replica holds it), projects while it is held. */
  private async leadWhileHeld(): Promise<void> {
    const { signal } = this.stopping;
    while (!signal.aborted) {
      const lease = new PostgresRelayLease({
        connectionString: this.storeUrl,
        name: PROJECTION_NAME,
        holder: 'projection',
        retryMs: LEASE_RETRY_MS,
      });
      try {
        while (!signal.aborted && (await rebuildRequested(this.pool))) {
          await sleep(LEASE_RETRY_MS, undefined, { signal }).catch(() => undefined);
        }
        if (!(await lease.acquire(signal))) return;
        this.logger.log({ message: 'this replica projects the read models (lease taken)' });
        this.subscription = this.subscribe();
        while (!signal.aborted && (await lease.confirm())) {
          if (await rebuildRequested(this.pool)) {
            this.logger.warn({ message: 'an operator’s rebuild asked to pause; lease given up' });
            break;
          }
          await sleep(LEASE_CHECK_MS, undefined, { signal }).catch(() => undefined);
        }
        if (!signal.aborted && !lease.held) {
          this.logger.warn({ message: 'projection lease lost; stopping' });
        }
      } catch (error) {
        this.logger.error({ message: 'projection lease failed; retrying', error: String(error) });
        await sleep(LEASE_RETRY_MS, undefined, { signal }).catch(() => undefined);
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
      name: PROJECTION_NAME,
      category: JOURNAL_CATEGORY,
      batchSize: BATCH,
      handler: (event, { checkpoint }) => {
        if (this.written.delete(event.eventId)) return;
        return this.poison.handle(event, (each) => this.applyAhead(each, checkpoint));
      },
      onError: (error) =>
        this.logger.error({ message: 'projection failed; retrying', error: String(error) }),
    });
  }

  /** Applies one recorded event of a journal stream; applying it again changes nothing. */
  async apply(event: RecordedEvent): Promise<ApplyResult> {
    const [result] = await this.applyRun(event.streamId, [event]);
    return result as ApplyResult;
  }

  /** Rebuilds one journal from its stream, in turn with the events being applied to it. */
  rebuild(streamId: string): Promise<number> {
    return this.streams.run(streamId, () => this.rebuildNow(streamId));
  }

  /**
   * Applies `head` and the events recorded after it, by stream. Only the head's failure is
   * thrown (for PoisonEvents to count); another stream that fails is left to the subscription,
   * which hands its events over again one at a time.
   */
  private async applyAhead(head: RecordedEvent, checkpoint: GlobalCheckpoint): Promise<void> {
    const ahead = await this.store.readCategory(JOURNAL_CATEGORY, checkpoint, { limit: BATCH - 1 });
    const runs = new Map<string, RecordedEvent[]>([[head.streamId, [head]]]);
    for (const { event } of ahead.entries) {
      if (this.written.has(event.eventId) || this.poison.isQuarantined(event.streamId)) continue;
      const run = runs.get(event.streamId) ?? [];
      run.push(event);
      runs.set(event.streamId, run);
    }
    await atMost(STREAMS_AT_ONCE, [...runs], async ([streamId, run]) => {
      if (streamId === head.streamId) return this.applyHeadRun(run);
      try {
        await this.applyRun(streamId, run);
        for (const event of run) this.written.add(event.eventId);
      } catch (error) {
        const message = 'batch failed; its events are left to the subscription';
        this.logger.warn({ message, streamId, error: String(error) });
      }
    });
  }

  /** The head's stream: as one batch, or else event by event up to the first failure. */
  private async applyHeadRun(run: RecordedEvent[]): Promise<void> {
    const [head] = run as [RecordedEvent];
    try {
      await this.applyRun(head.streamId, run);
      for (const event of run.slice(1)) this.written.add(event.eventId);
      return;
    } catch (error) {
      if (run.length === 1) throw error;
    }
    for (const event of run) {
      try {
        await this.applyRun(head.streamId, [event]);
      } catch (error) {
        if (event === head) throw error;
        return;
      }
      if (event !== head) this.written.add(event.eventId);
    }
  }

  /** One stream's events as one batch, in turn with the stream's other batches and rebuilds. */
  private applyRun(streamId: string, run: RecordedEvent[]): Promise<ApplyResult[]> {
    return this.streams.run(streamId, async () => {
      let results: ApplyResult[];
      try {
        results = await applyJournalBatch(this.models, streamId, run);
      } catch (error) {
        if (!(error instanceof ReadModelGapError)) throw error;
        const { streamVersion, appliedVersion } = error;
        this.logger.warn({ message: 'gap; rebuilding', streamId, streamVersion, appliedVersion });
        await this.rebuildNow(streamId);
        results = await applyJournalBatch(this.models, streamId, run);
      }
      this.waiter.projected(streamId, (run.at(-1) as RecordedEvent).streamVersion);
      return results;
    });
  }

  private async rebuildNow(streamId: string): Promise<number> {
    const version = await rebuildJournal({ store: this.store, models: this.models }, streamId);
    this.waiter.projected(streamId, version);
    return version;
  }
}
