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
import type { ArchiveConfig } from '../../config';
import { ARCHIVE_CONFIG } from '../../infrastructure/tokens';
import { DocumentSources } from './document-sources';

/**
 * The documents' own consumer group on the journal's topic (`DOCUMENTS_CONSUMER_GROUP`): keeps
 * what the year-end documents print and queues their generation. After its retries an event
 * goes to `<topic>.dlq`; a document is never printed from a stream with a gap, since its job
 * reads the versions it names.
 */
@Injectable()
export class DocumentSourcesConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('documents');
  private consumer: PatientConsumer | null = null;

  constructor(
    @Inject(ARCHIVE_CONFIG) private readonly config: ArchiveConfig,
    private readonly sources: DocumentSources,
  ) {}

  onApplicationBootstrap(): void {
    const { config } = this;
    if (!config.CONSUMERS_ENABLED || !config.DOCUMENTS_ENABLED) return;
    const topic = config.JOURNAL_EVENTS_TOPIC;
    this.consumer = new PatientConsumer({
      brokers: config.KAFKA_BROKERS,
      clientId: 'archive-documents',
      topic,
      warn: (entry) => this.logger.warn(entry),
      start: (bus) =>
        startConsumer({
          bus,
          groupId: config.DOCUMENTS_CONSUMER_GROUP,
          topics: [topic],
          upcast: (event) => journalRegistry.upcast(event),
          handle: (event) => this.sources.apply(event),
          onDeadLetter: async (letter) => {
            this.logger.error({
              message: 'journal event dead-lettered: documents of its stream wait for a rebuild',
              streamId: letter.streamId,
              errorCode: letter.errorCode,
              error: letter.errorMessage,
            });
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
