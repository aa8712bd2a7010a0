import { journalRegistry } from '@ejournal/contracts';
import { PatientConsumer } from '@ejournal/identity-facts';
import { startConsumer } from '@ejournal/messaging';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { ArchiveConfig } from '../config';
import { ARCHIVE_CONFIG } from '../infrastructure/tokens';
import { CatalogueProjector } from './catalogue-projector';

/**
 * The catalogue's consumer group on the journal's topic (journal and summary streams),
 * idempotent per stream version; after its retries an event goes to `<topic>.dlq` and its
 * record is marked stale with the reason, never silently skipped.
 */
@Injectable()
export class CatalogueConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('catalogue');
  private consumer: PatientConsumer | null = null;

  constructor(
    @Inject(ARCHIVE_CONFIG) private readonly config: ArchiveConfig,
    private readonly projector: CatalogueProjector,
  ) {}

  onApplicationBootstrap(): void {
    const { config } = this;
    if (!config.CONSUMERS_ENABLED) return;
    const topic = config.JOURNAL_EVENTS_TOPIC;
    this.consumer = new PatientConsumer({
      brokers: config.KAFKA_BROKERS,
      clientId: 'archive-catalogue',
      topic,
      warn: (entry) => this.logger.warn(entry),
      start: (bus) =>
        startConsumer({
          bus,
          groupId: config.CATALOGUE_CONSUMER_GROUP,
          topics: [topic],
          upcast: (event) => journalRegistry.upcast(event),
          handle: async (event) => void (await this.projector.apply(event)),
          onDeadLetter: async (letter) => {
            this.logger.error({
              message: 'journal event dead-lettered: its record is stale until rebuilt',
              streamId: letter.streamId,
              errorCode: letter.errorCode,
              error: letter.errorMessage,
            });
            if (letter.streamId) await this.projector.quarantine(letter.streamId, letter.errorCode);
          },
          retry: {
            attempts: config.CONSUMER_MAX_ATTEMPTS,
            minDelayMs: config.CONSUMER_RETRY_MIN_MS,
          },
        }),
    });
    this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
