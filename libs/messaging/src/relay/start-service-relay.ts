import type { EventRegistry } from '@ejournal/contracts';
import { PostgresEventStore } from '@ejournal/event-store';
import type { Pool } from 'pg';
import { createKafkajsBus } from '../kafkajs/kafkajs-bus';
import { FACTS_KEPT_FOREVER, provisionEventTopics } from '../topics/provision-topics';
import { PostgresRelayLease } from './postgres-relay-lease';
import { startRelay } from './start-relay';
import { withoutUpcasting } from './stored-form';

export interface ServiceRelayOptions {
  /** The service's name: the Kafka client id and the relay lease's name. */
  service: string;
  brokers: string[];
  topic: string;
  partitions: number;
  replicationFactor: number;
  /** The service's store: its pool (as the application role) and its registry. */
  pool: Pool;
  /** The same database for the lease's own session (advisory lock). */
  connectionString: string;
  registry: EventRegistry;
  onError: (error: unknown) => void;
}

export interface ServiceRelay {
  stop(): Promise<void>;
}

/**
 * A service's outbox relay: provisions its topic (kept for good, `FACTS_KEPT_FOREVER`) and its
 * `.dlq`, then publishes its store in the safe global order, as recorded, keyed by stream; one
 * replica holds the lease.
 */
export async function startServiceRelay(options: ServiceRelayOptions): Promise<ServiceRelay> {
  const bus = createKafkajsBus({ brokers: options.brokers, clientId: `${options.service}-relay` });
  const admin = await bus.admin();
  try {
    await provisionEventTopics(admin, [options.topic], {
      partitions: options.partitions,
      replicationFactor: options.replicationFactor,
      config: FACTS_KEPT_FOREVER,
    });
  } finally {
    await admin.close();
  }
  const publisher = await bus.publisher();
  const store = new PostgresEventStore({
    pool: options.pool,
    schemas: withoutUpcasting(options.registry),
  });
  const relay = startRelay({
    store,
    publisher,
    lease: new PostgresRelayLease({
      connectionString: options.connectionString,
      name: options.service,
    }),
    topic: options.topic,
    onError: options.onError,
  });
  return {
    async stop() {
      await relay.stop();
      await publisher.close();
      await store.close();
    },
  };
}
