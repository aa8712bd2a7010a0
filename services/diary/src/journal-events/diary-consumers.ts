import {
  identityRegistry,
  journalRegistry,
  type RecordedEvent,
  type RecordedIdentityEvent,
} from '@ejournal/contracts';
import { PatientConsumer, type PatientConsumerOptions } from '@ejournal/identity-facts';
import {
  createKafkajsBus,
  quarantineAndRebuild,
  startConsumer,
  type DeadLetter,
  type MessageBus,
  type RunHandler,
  type Upcast,
} from '@ejournal/messaging';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Pool } from 'pg';
import type { DiaryConfig } from '../config';
import { projectIdentityEvent } from '../facts/project-identity-event';
import { APP_POOL, DIARY_CONFIG } from '../infrastructure/tokens';
import { DiaryDocuments } from '../read-models/diary-documents';
import { JournalProjector } from './journal-projector';
import { replayStream } from './topic-replay';

/** Most journal events in one transaction: a fetch's worth under load, a bounded rollback. */
const RUN_SIZE = 500;
/**
 * Partitions of the journal's topic applied at once, each run on a connection of its own: a
 * run mostly waits on PostgreSQL round trips and its commit. Partitions hold other streams,
 * and a run takes what runs share in a fixed order (stale documents sorted, then the
 * notifications' lock); a deadlock PostgreSQL still finds (a planning event marks weeks
 * mid-run) is retried like an outage. As many as the journal's topic has partitions (6 by
 * default): kafkajs fetches again only once every batch of a fetch is handled, so with fewer
 * lanes a fetch's batches went in two waves and an event waited for both.
 */
const JOURNAL_PARTITIONS_AT_ONCE = 6;

const upcastJournal: Upcast = (event) => journalRegistry.upcast(event);

/**
 * The diary's two consumer groups: identity's facts into `diary_facts`, and the journal's
 * events into the diary's tables, notifications and stale documents. A dead-lettered journal
 * event quarantines the stream's documents (readers see them as stale) and rebuilds the
 * stream by replaying it from the topic; an identity fact is logged, as the journal does.
 */
@Injectable()
export class DiaryConsumers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('diary-consumers');
  private readonly consumers: PatientConsumer[] = [];
  private readonly rebuilds: ReturnType<typeof quarantineAndRebuild>;

  constructor(
    @Inject(DIARY_CONFIG) private readonly config: DiaryConfig,
    @Inject(APP_POOL) private readonly pool: Pool,
    private readonly journal: JournalProjector,
    documents: DiaryDocuments,
  ) {
    this.rebuilds = quarantineAndRebuild({
      models: documents.models(),
      rebuild: async (streamId) => {
        const bus = createKafkajsBus({ brokers: config.KAFKA_BROKERS, clientId: 'diary-replay' });
        const topic = config.JOURNAL_EVENTS_TOPIC;
        const apply = (event: RecordedEvent) => this.journal.apply(event);
        await replayStream({ bus, topic, streamId, upcast: upcastJournal, apply });
        await this.journal.release(streamId);
      },
      onRebuildError: (streamId, error) =>
        this.logger.error({
          message: 'rebuild failed; still quarantined, retrying',
          streamId,
          error: String(error),
        }),
    });
  }

  onApplicationBootstrap(): void {
    if (!this.config.CONSUMERS_ENABLED) return;
    const { IDENTITY_EVENTS_TOPIC, JOURNAL_EVENTS_TOPIC } = this.config;
    this.run('diary-facts', IDENTITY_EVENTS_TOPIC, (bus) =>
      this.consume(bus, this.config.IDENTITY_CONSUMER_GROUP, IDENTITY_EVENTS_TOPIC, {
        upcast: (event) => identityRegistry.upcast(event),
        handle: (event) => projectIdentityEvent(this.pool, event as RecordedIdentityEvent),
        onDeadLetter: async (letter) => this.logDeadLetter('identity fact', letter),
      }),
    );
    this.run('diary-journal', JOURNAL_EVENTS_TOPIC, (bus) =>
      this.consume(bus, this.config.JOURNAL_CONSUMER_GROUP, JOURNAL_EVENTS_TOPIC, {
        upcast: upcastJournal,
        handle: (event) => this.journal.apply(event),
        // A fetched batch's events in one transaction; one at a time after a failure.
        handleRun: async (events) => void (await this.journal.applyRun(events)),
        concurrency: JOURNAL_PARTITIONS_AT_ONCE,
        onDeadLetter: async (letter) => {
          this.logDeadLetter('journal event', letter);
          if (!letter.streamId) return;
          await this.journal.quarantine(letter.streamId, letter.errorCode);
          await this.rebuilds.onDeadLetter(letter);
        },
      }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    await this.rebuilds.stop();
  }

  private run(clientId: string, topic: string, start: PatientConsumerOptions['start']) {
    const consumer = new PatientConsumer({
      brokers: this.config.KAFKA_BROKERS,
      clientId,
      topic,
      start,
      warn: (entry) => this.logger.warn(entry),
    });
    this.consumers.push(consumer);
    consumer.start();
  }

  private consume(
    bus: MessageBus,
    groupId: string,
    topic: string,
    handlers: {
      upcast: Upcast;
      handle: (event: RecordedEvent) => Promise<unknown>;
      handleRun?: RunHandler;
      concurrency?: number;
      onDeadLetter: (letter: DeadLetter) => Promise<void>;
    },
  ) {
    return startConsumer({
      bus,
      groupId,
      topics: [topic],
      fromBeginning: true,
      upcast: handlers.upcast,
      handle: async (event) => void (await handlers.handle(event)),
      ...(handlers.handleRun ? { handleRun: handlers.handleRun, runSize: RUN_SIZE } : {}),
      ...(handlers.concurrency ? { concurrency: handlers.concurrency } : {}),
      onDeadLetter: handlers.onDeadLetter,
      retry: {
        attempts: this.config.CONSUMER_MAX_ATTEMPTS,
        minDelayMs: this.config.CONSUMER_RETRY_MIN_MS,
      },
      sessionTimeoutMs: this.config.CONSUMER_SESSION_TIMEOUT_MS,
      heartbeatIntervalMs: Math.min(
        3_000,
        Math.floor(this.config.CONSUMER_SESSION_TIMEOUT_MS / 10),
      ),
    });
  }

  private logDeadLetter(what: string, letter: DeadLetter): void {
    this.logger.error({
      message: `${what} dead-lettered: its documents are stale until rebuilt`,
      streamId: letter.streamId,
      streamVersion: letter.event?.streamVersion ?? null,
      type: letter.event?.type ?? null,
      errorCode: letter.errorCode,
      error: letter.errorMessage,
    });
  }
}
