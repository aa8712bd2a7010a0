import { identityRegistry, type RecordedIdentityEvent } from '@ejournal/contracts';
import { PatientConsumer } from '@ejournal/identity-facts';
import { startConsumer, type DeadLetter, type MessageBus } from '@ejournal/messaging';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Pool } from 'pg';
import type { JournalConfig } from '../config';
import { APP_POOL, JOURNAL_CONFIG } from '../infrastructure/tokens';
import { projectIdentityEvent } from './project-identity-event';

/**
 * Projects identity's topic into `journal_facts` as consumer group IDENTITY_CONSUMER_GROUP,
 * from the beginning of the topic, events upcast to the versions this build reads.
 *
 * Starting does not hold up the application: identity (or the cluster's topic operator)
 * creates the topic, possibly after the journal started, so a failed start is logged and
 * tried again with backoff until it succeeds or the application stops.
 */
@Injectable()
export class IdentityFactsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('identity-facts');
  private consumer: PatientConsumer | null = null;

  constructor(
    @Inject(JOURNAL_CONFIG) private readonly config: JournalConfig,
    @Inject(APP_POOL) private readonly pool: Pool,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.FACTS_CONSUMER_ENABLED) return;
    this.consumer = new PatientConsumer({
      brokers: this.config.KAFKA_BROKERS,
      clientId: 'journal-facts',
      topic: this.config.IDENTITY_EVENTS_TOPIC,
      start: (bus) => this.start(bus),
      warn: (entry) => this.logger.warn(entry),
    });
    this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  private start(bus: MessageBus) {
    return startConsumer({
      bus,
      groupId: this.config.IDENTITY_CONSUMER_GROUP,
      topics: [this.config.IDENTITY_EVENTS_TOPIC],
      fromBeginning: true,
      upcast: (event) => identityRegistry.upcast(event),
      handle: async (event) => {
        await projectIdentityEvent(this.pool, event as RecordedIdentityEvent);
      },
      onDeadLetter: async (letter) => this.deadLettered(letter),
    });
  }

  /**
   * The stream's facts stay as they were before this event; its later events fail as a gap and
   * are dead-lettered too, so nothing is applied out of order. Once the cause is fixed, reset
   * the group's offsets to the earliest and restart: applied versions are skipped and the rest
   * fill in. If the topic no longer holds the stream's first events (retention), have
   * identity's relay republish from the start of its store first.
   */
  private async deadLettered(letter: DeadLetter): Promise<void> {
    this.logger.error({
      message: 'identity fact dead-lettered: the stream is stale until re-projected',
      streamId: letter.streamId,
      streamVersion: letter.event?.streamVersion ?? null,
      type: letter.event?.type ?? null,
      errorCode: letter.errorCode,
      error: letter.errorMessage,
      topic: letter.topic,
      partition: letter.partition,
      offset: letter.offset,
    });
  }
}
