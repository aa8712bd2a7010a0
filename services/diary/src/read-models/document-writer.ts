import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { DiaryConfig } from '../config';
import { DiaryFacts } from '../facts/diary-facts';
import { APP_POOL, CLOCK, DIARY_CONFIG, type Clock } from '../infrastructure/tokens';
import { WakeableLoop } from '../infrastructure/wakeable-loop';
import { Wakeups } from '../infrastructure/wakeups';
import { parseStaleKey } from '../journal-events/stale-documents';
import { plannedWeek } from '../planning/planned-lessons';
import { planningSources } from '../planning/planning-query';
import { DiaryDocuments } from './diary-documents';
import { datesOfWeek } from './iso-week';
import { marksOfYear } from './marks-query';
import { buildWeek } from './week-document';
import { weekSources } from './week-query';

const BATCH = 50;
const IDLE_POLL_MS = 250;
/** Rounds at most this often while events stream in: a document marked again meanwhile is written once. */
const SETTLE_MS = 100;
/** Longer than any document write: a crashed writer's claims lapse after it. */
const CLAIM_LEASE = '30 seconds';

/**
 * Writes the read-store documents named in `diary.stale_documents`, each built whole from the
 * tables and replaced by `_id`. A batch is claimed for CLAIM_LEASE (FOR UPDATE SKIP LOCKED, in
 * a short transaction of its own): one writer per document across replicas, as FerretDB 1.x
 * needs. A row is deleted after its write only when its generation is the one claimed; a
 * consumer marking the document stale meanwhile raised it, so the row stays for the next
 * round and no change is lost. Consumers never wait for a write.
 */
@Injectable()
export class DocumentWriter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('diary-documents');
  private readonly loop: WakeableLoop;

  constructor(
    @Inject(DIARY_CONFIG) private readonly config: DiaryConfig,
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly facts: DiaryFacts,
    private readonly documents: DiaryDocuments,
    wakeups: Wakeups,
  ) {
    this.loop = new WakeableLoop(wakeups, {
      round: async () => ((await this.writeBatch()) === BATCH ? 'full' : 'partial'),
      idleMs: IDLE_POLL_MS,
      settleMs: SETTLE_MS,
      onError: (error) =>
        this.logger.error({ message: 'writing documents failed; retrying', error: String(error) }),
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.CONSUMERS_ENABLED) this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Writes one batch of stale documents; the number written. */
  async writeBatch(): Promise<number> {
    const { rows } = await this.pool.query<{ document_id: string; generation: string }>(
      `UPDATE diary.stale_documents s SET claimed_until = now() + interval '${CLAIM_LEASE}'
       FROM (SELECT document_id FROM diary.stale_documents
             WHERE claimed_until IS NULL OR claimed_until < now()
             ORDER BY seq LIMIT ${BATCH} FOR UPDATE SKIP LOCKED) claimed
       WHERE s.document_id = claimed.document_id
       RETURNING s.document_id, s.generation`,
    );
    const written: typeof rows = [];
    try {
      for (const row of rows) {
        // Read-only queries and a FerretDB write: no transaction to hold open across them.
        const client = await this.pool.connect();
        try {
          await this.writeOne(client, row.document_id);
        } finally {
          client.release();
        }
        written.push(row);
      }
    } finally {
      await this.release(written);
    }
    return rows.length;
  }

  /**
   * One statement for the batch: a row whose generation is the one claimed is done (deleted);
   * one a consumer marked again meanwhile is unclaimed for the next round.
   */
  private async release(written: { document_id: string; generation: string }[]): Promise<void> {
    if (written.length === 0) return;
    await this.pool.query(
      `WITH done AS (
         DELETE FROM diary.stale_documents s
         USING unnest($1::text[], $2::bigint[]) AS w(document_id, generation)
         WHERE s.document_id = w.document_id AND s.generation = w.generation
         RETURNING s.document_id)
       UPDATE diary.stale_documents SET claimed_until = NULL
       WHERE document_id = ANY($1::text[]) AND document_id NOT IN (SELECT document_id FROM done)`,
      [written.map((row) => row.document_id), written.map((row) => row.generation)],
    );
  }

  private async writeOne(client: PoolClient, key: string): Promise<void> {
    const stale = parseStaleKey(key);
    if (stale.kind === 'week') {
      const dates = datesOfWeek(stale.week);
      if (!dates) return;
      const sources = await weekSources(client, stale.pupilId, dates);
      const held = sources.lessons.map(({ journalId, date, slot }) => ({ journalId, date, slot }));
      const planning = await planningSources(client, stale.pupilId, dates, held);
      const week = buildWeek(stale.pupilId, stale.week, dates, sources, {
        days: plannedWeek(dates, planning.sources),
        streams: planning.streams,
      });
      await this.documents.writeWeek(week);
      return;
    }
    const today = this.clock().toISOString().slice(0, 10);
    const marks = await marksOfYear(client, this.facts, stale.pupilId, stale.academicYear, today);
    await this.documents.write(this.documents.marks, marks);
  }
}
