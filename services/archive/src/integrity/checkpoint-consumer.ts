import { createKafkajsBus, provisionEventTopics, type Subscriber } from '@ejournal/messaging';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ArchiveConfig } from '../config';
import { ARCHIVE_CONFIG } from '../infrastructure/tokens';
import { CheckpointKeeper } from './checkpoint-keeper';

/**
 * Reads `ejournal.integrity.checkpoints.v1` from the beginning and keeps each checkpoint. Not
 * an event consumer: a malformed message is an integrity alarm, never a dead letter to skip;
 * a failure to store it (the database down) leaves the offset uncommitted and is retried.
 */
@Injectable()
export class CheckpointConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscriber: Subscriber | null = null;

  constructor(
    @Inject(ARCHIVE_CONFIG) private readonly config: ArchiveConfig,
    private readonly keeper: CheckpointKeeper,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.CONSUMERS_ENABLED) return;
    const topic = this.config.INTEGRITY_CHECKPOINTS_TOPIC;
    const bus = createKafkajsBus({
      brokers: this.config.KAFKA_BROKERS,
      clientId: 'archive-checkpoints',
    });
    const admin = await bus.admin();
    try {
      await provisionEventTopics(admin, [topic], {
        partitions: 1,
        replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
        config: { 'retention.ms': '-1' },
      });
    } finally {
      await admin.close();
    }
    this.subscriber = bus.subscriber({
      groupId: this.config.CHECKPOINTS_CONSUMER_GROUP,
      topics: [topic],
      fromBeginning: true,
    });
    await this.subscriber.run(async (batch, control) => {
      for (const message of batch.messages) {
        if (control.isStale()) return;
        await this.keeper.receive(String(message.value ?? ''));
        await control.commit(message.offset);
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.stop();
  }
}
