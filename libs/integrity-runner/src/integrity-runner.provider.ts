import { integritySettings, type IntegrityConfig } from '@ejournal/integrity';
import { createKafkajsBus, provisionEventTopics, type Publisher } from '@ejournal/messaging';
import {
  Logger,
  type FactoryProvider,
  type InjectionToken,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Pool } from 'pg';
import type { z } from 'zod';
import { KafkaCheckpointPublisher } from './checkpoint-message';
import type { integrityRunnerEnv } from './integrity-runner-env';
import { startIntegrityRunner, type IntegrityRunner } from './start-integrity-runner';

type RunnerEnv = {
  [K in keyof typeof integrityRunnerEnv]: z.infer<(typeof integrityRunnerEnv)[K]>;
};

/** What the provider needs of a service's configuration. */
export type IntegrityRunnerConfig = RunnerEnv & {
  KAFKA_BROKERS: string[];
  KAFKA_REPLICATION_FACTOR: number;
};

export interface IntegrityRunnerSettings {
  service: string;
  enabled: boolean;
  brokers: string[];
  replicationFactor: number;
  topic: string;
  integrity: IntegrityConfig;
  pool: Pool;
  connectionString: string;
}

/**
 * Runs the store's Merkle log and checkpoints while the application runs (one replica at a
 * time) and publishes each checkpoint to the checkpoints topic.
 */
export class IntegrityLogRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('integrity');
  private runner: IntegrityRunner | null = null;
  private publisher: Publisher | null = null;

  constructor(readonly settings: IntegrityRunnerSettings) {}

  /** Signs and publishes a checkpoint now, if this replica holds the lease (tests, year end). */
  checkpointNow() {
    return this.runner?.checkpointNow() ?? Promise.resolve(null);
  }

  isLeader(): boolean {
    return this.runner?.isLeader() ?? false;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { settings } = this;
    if (!settings.enabled) return;
    const { integrity } = settings;
    if (!integrity.signer) {
      this.logger.warn({
        message: 'EJOURNAL_CHECKPOINT_SIGNING_KEY is not set: the log is built, nothing is signed',
      });
    }
    const bus = createKafkajsBus({
      brokers: settings.brokers,
      clientId: `${settings.service}-integrity`,
    });
    const admin = await bus.admin();
    try {
      await provisionEventTopics(admin, [settings.topic], {
        partitions: 1,
        replicationFactor: settings.replicationFactor,
        // Checkpoints are evidence: the topic keeps them for good.
        config: { 'retention.ms': '-1' },
      });
    } finally {
      await admin.close();
    }
    this.publisher = await bus.publisher();
    this.runner = startIntegrityRunner({
      pool: settings.pool,
      connectionString: settings.connectionString,
      name: settings.service,
      logId: integrity.logId,
      signer: integrity.signer,
      publisher: new KafkaCheckpointPublisher({
        pool: settings.pool,
        publisher: this.publisher,
        topic: settings.topic,
        service: settings.service,
        witnessQuorum: integrity.witnessQuorum,
      }),
      witnesses: integrity.witnesses,
      buildIntervalMs: integrity.buildIntervalMs,
      checkpointIntervalMs: integrity.checkpointIntervalMs,
      onError: (error) =>
        this.logger.error({
          message: 'integrity log round failed; retrying',
          error: String(error),
        }),
      onLeadership: (leader) =>
        this.logger.log({
          message: leader ? 'building the integrity log' : 'integrity lease left',
        }),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
    await this.publisher?.close();
  }
}

/** The service's configuration, its pool and that pool's connection string, by token. */
export interface IntegrityRunnerTokens {
  config: InjectionToken;
  pool: InjectionToken;
  url: InjectionToken;
}

/** A service's integrity runner as a provider (`IntegrityLogRunner`), from its configuration. */
export function integrityRunner(
  service: string,
  { config, pool, url }: IntegrityRunnerTokens,
): FactoryProvider<IntegrityLogRunner> {
  return {
    provide: IntegrityLogRunner,
    inject: [config, pool, url],
    useFactory: (settings: IntegrityRunnerConfig, appPool: Pool, connectionString: string) =>
      new IntegrityLogRunner({
        service,
        enabled: settings.INTEGRITY_ENABLED,
        brokers: settings.KAFKA_BROKERS,
        replicationFactor: settings.KAFKA_REPLICATION_FACTOR,
        topic: settings.INTEGRITY_CHECKPOINTS_TOPIC,
        integrity: integritySettings(settings, databaseName(connectionString)),
        pool: appPool,
        connectionString,
      }),
  };
}

/** The store's database name: the log's default permanent name. */
function databaseName(connectionString: string): string {
  return decodeURIComponent(new URL(connectionString).pathname.slice(1));
}
