import { journalRegistry } from '@ejournal/contracts';
import { startServiceRelay, type ServiceRelay } from '@ejournal/messaging';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Pool } from 'pg';
import type { JournalConfig } from '../config';
import { APP_POOL, APP_URL, JOURNAL_CONFIG } from '../infrastructure/tokens';

/**
 * Publishes the journal's store to `ejournal.journal.events.v1` (JOURNAL_EVENTS_TOPIC): the
 * store is the outbox, one replica holds the lease, events go out as recorded, keyed by stream.
 */
@Injectable()
export class JournalRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('relay');
  private relay: ServiceRelay | null = null;

  constructor(
    @Inject(JOURNAL_CONFIG) private readonly config: JournalConfig,
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(APP_URL) private readonly appUrl: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.RELAY_ENABLED) return;
    this.relay = await startServiceRelay({
      service: 'journal',
      brokers: this.config.KAFKA_BROKERS,
      topic: this.config.JOURNAL_EVENTS_TOPIC,
      partitions: this.config.JOURNAL_TOPIC_PARTITIONS,
      replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
      pool: this.pool,
      connectionString: this.appUrl,
      registry: journalRegistry,
      onError: (error) =>
        this.logger.error({ message: 'relay failed; retrying', error: String(error) }),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
}
