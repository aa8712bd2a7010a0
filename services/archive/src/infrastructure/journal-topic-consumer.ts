import { journalRegistry, type RecordedEvent } from '@ejournal/contracts';
import { PatientConsumer } from '@ejournal/identity-facts';
import { startConsumer, type DeadLetter } from '@ejournal/messaging';
import {
  Logger,
  type FactoryProvider,
  type InjectionToken,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { ArchiveConfig } from '../config';
import { ARCHIVE_CONFIG } from './tokens';

/** What one of the archive's readers of the journal's topic does with it. */
export interface JournalTopicReader {
  /** Names the Kafka client (`archive-<name>`) and the logger. */
  name: string;
  groupId: string;
  /** Off when `CONSUMERS_ENABLED` (or the reader's own switch) is false. */
  enabled: boolean;
  handle(event: RecordedEvent): Promise<void>;
  /** The log line of a dead letter: what it leaves behind for this reader. */
  deadLettered: string;
  /** After the letter is on `<topic>.dlq`: what this reader marks (a stale record, say). */
  onDeadLetter?(letter: DeadLetter): Promise<void>;
}

/**
 * One consumer group of the archive on the journal's topic (`JOURNAL_EVENTS_TOPIC`): waits
 * patiently for the topic, upcasts, retries `CONSUMER_MAX_ATTEMPTS` times, then dead-letters
 * to `<topic>.dlq` with an error line naming the stream, never skipping an event silently.
 */
export class JournalTopicConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private consumer: PatientConsumer | null = null;

  constructor(
    private readonly config: ArchiveConfig,
    private readonly reader: JournalTopicReader,
  ) {
    this.logger = new Logger(reader.name);
  }

  onApplicationBootstrap(): void {
    const { config, reader } = this;
    if (!config.CONSUMERS_ENABLED || !reader.enabled) return;
    const topic = config.JOURNAL_EVENTS_TOPIC;
    this.consumer = new PatientConsumer({
      brokers: config.KAFKA_BROKERS,
      clientId: `archive-${reader.name}`,
      topic,
      warn: (entry) => this.logger.warn(entry),
      start: (bus) =>
        startConsumer({
          bus,
          groupId: reader.groupId,
          topics: [topic],
          upcast: (event) => journalRegistry.upcast(event),
          handle: (event) => reader.handle(event),
          onDeadLetter: async (letter) => {
            this.logger.error({
              message: reader.deadLettered,
              streamId: letter.streamId,
              errorCode: letter.errorCode,
              error: letter.errorMessage,
            });
            await reader.onDeadLetter?.(letter);
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

/** A Nest provider of one such consumer, its reader made from the config and `handler`. */
export function journalTopicConsumer<H>(
  provide: InjectionToken,
  handler: InjectionToken<H>,
  reader: (config: ArchiveConfig, handler: H) => JournalTopicReader,
): FactoryProvider<JournalTopicConsumer> {
  return {
    provide,
    inject: [ARCHIVE_CONFIG, handler],
    useFactory: (config: ArchiveConfig, instance: H) =>
      new JournalTopicConsumer(config, reader(config, instance)),
  };
}
