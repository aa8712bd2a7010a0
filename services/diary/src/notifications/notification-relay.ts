import { createKafkajsBus, provisionEventTopics, type Publisher } from '@ejournal/messaging';
import { inTransaction } from '@ejournal/write-path';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Pool } from 'pg';
import type { DiaryConfig } from '../config';
import { APP_POOL, DIARY_CONFIG } from '../infrastructure/tokens';
import { WakeableLoop } from '../infrastructure/wakeable-loop';
import { Wakeups } from '../infrastructure/wakeups';

const BATCH = 500;
const IDLE_POLL_MS = 200;
/** While events stream in, a round at most this often: one produce for what gathered meanwhile. */
const SETTLE_MS = 20;
/** One relay publishes at a time across replicas: per pupil, notifications keep their order. */
const LOCK = 'ejournal.diary.notification-relay';

/**
 * Publishes `diary.notifications` rows not yet published to DIARY_NOTIFICATIONS_TOPIC, keyed by
 * pupil, in the order the consumer wrote them, then marks them published in the same
 * transaction (which holds the relay's advisory lock). A crash between the acknowledgement and
 * the commit publishes the batch again: at least once, and each message carries its stable
 * `notificationId` for consumers to drop a repeat.
 */
@Injectable()
export class NotificationRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('notification-relay');
  private publisher: Publisher | null = null;
  private loop: WakeableLoop | null = null;

  constructor(
    @Inject(DIARY_CONFIG) private readonly config: DiaryConfig,
    @Inject(APP_POOL) private readonly pool: Pool,
    private readonly wakeups: Wakeups,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.RELAY_ENABLED) return;
    const bus = createKafkajsBus({ brokers: this.config.KAFKA_BROKERS, clientId: 'diary-relay' });
    const admin = await bus.admin();
    try {
      await provisionEventTopics(admin, [this.config.DIARY_NOTIFICATIONS_TOPIC], {
        partitions: this.config.DIARY_TOPIC_PARTITIONS,
        replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
      });
    } finally {
      await admin.close();
    }
    const publisher = await bus.publisher();
    this.publisher = publisher;
    this.loop = new WakeableLoop(this.wakeups, {
      round: async () => ((await this.publishBatch(publisher)) === BATCH ? 'full' : 'partial'),
      idleMs: IDLE_POLL_MS,
      settleMs: SETTLE_MS,
      onError: (error) =>
        this.logger.error({ message: 'publishing failed; retrying', error: String(error) }),
    });
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
    await this.publisher?.close();
  }

  /** Publishes one batch; the number published (0 when another replica holds the lock). */
  publishBatch(publisher: Publisher): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const { rows: lock } = await client.query<{ held: boolean }>(
        'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS held',
        [LOCK],
      );
      if (!lock[0]?.held) return 0;
      const { rows } = await client.query<{
        notification_id: string;
        pupil_id: string;
        message: object;
      }>(
        `SELECT notification_id, pupil_id, message FROM diary.notifications
         WHERE published_at IS NULL ORDER BY seq LIMIT ${BATCH}`,
      );
      if (rows.length === 0) return 0;
      await publisher.publish(
        this.config.DIARY_NOTIFICATIONS_TOPIC,
        rows.map((row) => ({
          key: row.pupil_id,
          value: JSON.stringify(row.message),
          headers: {
            notificationId: row.notification_id,
            kind: (row.message as { kind: string }).kind,
            schemaVersion: '1',
          },
        })),
      );
      await client.query(
        'UPDATE diary.notifications SET published_at = now() WHERE notification_id = ANY($1)',
        [rows.map((row) => row.notification_id)],
      );
      return rows.length;
    });
  }
}
