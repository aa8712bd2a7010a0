import {
  startServiceRelay,
  type ServiceRelay,
  type ServiceRelayOptions,
} from '@ejournal/messaging';
import {
  Logger,
  type FactoryProvider,
  type InjectionToken,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Pool } from 'pg';

/** What a service's configuration says about its relay. */
export interface RelayConfig {
  KAFKA_BROKERS: string[];
  KAFKA_REPLICATION_FACTOR: number;
  RELAY_ENABLED: boolean;
}

export type OutboxRelaySettings = Omit<ServiceRelayOptions, 'onError'> & { enabled: boolean };

/**
 * Publishes a service's store to its topic while the application runs: the store is the
 * outbox, one replica holds the lease, events go out as recorded, keyed by stream.
 */
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('relay');
  private relay: ServiceRelay | null = null;

  constructor(private readonly settings: OutboxRelaySettings) {}

  async onApplicationBootstrap(): Promise<void> {
    const { enabled, ...options } = this.settings;
    if (!enabled) return;
    this.relay = await startServiceRelay({
      ...options,
      onError: (error) =>
        this.logger.error({ message: 'relay failed; retrying', error: String(error) }),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
}

/** Topic settings named by service: `IDENTITY_EVENTS_TOPIC`, `IDENTITY_TOPIC_PARTITIONS`. */
export type RelayConfigOf<Service extends string> = RelayConfig &
  Record<`${Uppercase<Service>}_EVENTS_TOPIC`, string> &
  Record<`${Uppercase<Service>}_TOPIC_PARTITIONS`, number>;

/** The service's tokens for its configuration, its pool and that pool's connection string. */
export interface RelayTokens {
  config: InjectionToken;
  pool: InjectionToken;
  url: InjectionToken;
}

/** The service's relay as a provider (`OutboxRelay`), wired from its configuration. */
export function outboxRelay<Service extends string>(
  service: Service,
  registry: ServiceRelayOptions['registry'],
  { config, pool, url }: RelayTokens,
): FactoryProvider<OutboxRelay> {
  const prefix = service.toUpperCase() as Uppercase<Service>;
  return {
    provide: OutboxRelay,
    inject: [config, pool, url],
    useFactory: (settings: RelayConfigOf<Service>, appPool: Pool, connectionString: string) =>
      new OutboxRelay({
        service,
        registry,
        topic: settings[`${prefix}_EVENTS_TOPIC`] as string,
        partitions: settings[`${prefix}_TOPIC_PARTITIONS`] as number,
        enabled: settings.RELAY_ENABLED,
        brokers: settings.KAFKA_BROKERS,
        replicationFactor: settings.KAFKA_REPLICATION_FACTOR,
        pool: appPool,
        connectionString,
      }),
  };
}
