import { identityRegistry } from '@ejournal/contracts';
import { startServiceRelay, type ServiceRelay } from '@ejournal/messaging';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Pool } from 'pg';
import type { IdentityConfig } from '../config';
import { APP_POOL, APP_URL, IDENTITY_CONFIG } from '../infrastructure/tokens';

/**
 * Publishes identity's store to `ejournal.identity.events.v1` (IDENTITY_EVENTS_TOPIC): the
 * store is the outbox, one replica holds the lease, events go out as recorded, keyed by stream.
 */
@Injectable()
export class IdentityRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('relay');
  private relay: ServiceRelay | null = null;

  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(APP_URL) private readonly appUrl: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.RELAY_ENABLED) return;
    this.relay = await startServiceRelay({
      service: 'identity',
      brokers: this.config.KAFKA_BROKERS,
      topic: this.config.IDENTITY_EVENTS_TOPIC,
      partitions: this.config.IDENTITY_TOPIC_PARTITIONS,
      replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
      pool: this.pool,
      connectionString: this.appUrl,
      registry: identityRegistry,
      onError: (error) =>
        this.logger.error({ message: 'relay failed; retrying', error: String(error) }),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
}
