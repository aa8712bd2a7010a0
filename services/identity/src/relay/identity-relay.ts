import { identityRegistry } from '@ejournal/contracts';
import { PostgresEventStore } from '@ejournal/event-store';
import {
  createKafkajsBus,
  PostgresRelayLease,
  provisionEventTopics,
  startRelay,
  withoutUpcasting,
  type Publisher,
  type Relay,
} from '@ejournal/messaging';
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
 * Publishes identity's store to `ejournal.identity.events.v1` (IDENTITY_EVENTS_TOPIC) through the messaging relay: the
 * store is the outbox, one replica holds the lease, events go out as recorded, keyed by stream.
 */
@Injectable()
export class IdentityRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('relay');
  private relay: Relay | null = null;
  private publisher: Publisher | null = null;
  private store: PostgresEventStore | null = null;

  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(APP_URL) private readonly appUrl: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.RELAY_ENABLED) return;
    const bus = createKafkajsBus({
      brokers: this.config.KAFKA_BROKERS,
      clientId: 'identity-relay',
    });
    const admin = await bus.admin();
    try {
      await provisionEventTopics(admin, [this.config.IDENTITY_EVENTS_TOPIC], {
        partitions: this.config.IDENTITY_TOPIC_PARTITIONS,
        replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
      });
    } finally {
      await admin.close();
    }
    this.publisher = await bus.publisher();
    this.store = new PostgresEventStore({
      pool: this.pool,
      schemas: withoutUpcasting(identityRegistry),
    });
    this.relay = startRelay({
      store: this.store,
      publisher: this.publisher,
      lease: new PostgresRelayLease({ connectionString: this.appUrl, name: 'identity' }),
      topic: this.config.IDENTITY_EVENTS_TOPIC,
      onError: (error) =>
        this.logger.error({ message: 'relay failed; retrying', error: String(error) }),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.publisher?.close();
    await this.store?.close();
  }
}
