import type { DocumentStore } from '@ejournal/document-store';
import type { EventStore } from '@ejournal/event-store';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { hostname } from 'node:os';
import type { Pool } from 'pg';
import { RECORDS, type RecordModel } from '../../catalogue/record-model';
import type { ArchiveConfig } from '../../config';
import { APP_POOL, ARCHIVE_CONFIG, CLOCK, type Clock } from '../../infrastructure/tokens';
import { warmUpRendering } from '../pdf/warm-up';
import { DocumentSources } from '../sources/document-sources';
import { DOCUMENT_EVENTS_STORE, DOCUMENT_STORE } from '../tokens';
import { PEOPLE_DIRECTORY, type PeopleDirectory } from './people-directory';
import { NotReadyError, produceDocument, type DocumentJob } from './produce-document';

/**
 * Runs the generation jobs: claims the oldest pending one under a lease (`FOR UPDATE SKIP
 * LOCKED`, so replicas share the queue and a crashed runner's job returns when its lease
 * ends), produces it, marks it done. A failure waits with backoff; after
 * `DOCUMENTS_MAX_ATTEMPTS` the job is `failed` with its reason. A sheet's job gives way to a
 * later version of the same sheet.
 */
@Injectable()
export class DocumentWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('documents');
  private readonly holder = `${hostname()}:${process.pid}`;
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();

  constructor(
    @Inject(ARCHIVE_CONFIG) private readonly config: ArchiveConfig,
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RECORDS) private readonly records: RecordModel,
    @Inject(DOCUMENT_EVENTS_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(PEOPLE_DIRECTORY) private readonly people: PeopleDirectory,
    private readonly sources: DocumentSources,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.DOCUMENTS_ENABLED) return;
    this.running = true;
    // The first job of a process waits for a warm renderer, so it costs what any other does.
    const warm = warmUpRendering().then(
      (ms) => this.logger.log({ message: 'document rendering warmed up', ms }),
      (error: unknown) =>
        this.logger.warn({ message: 'document rendering warm-up failed', error: String(error) }),
    );
    for (let i = 0; i < this.config.DOCUMENTS_CONCURRENCY; i += 1)
      this.loops.push(warm.then(() => this.loop()));
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    for (const wake of this.sleepers) wake();
    await Promise.all(this.loops);
  }

  /** Claims and runs one job; false when none is due. */
  async runOnce(): Promise<boolean> {
    const job = await this.claim();
    if (!job) return false;
    try {
      if (await this.superseded(job)) return true;
      const ref = await produceDocument(job, {
        sources: this.sources,
        store: this.store,
        documents: this.documents,
        records: this.records,
        people: this.people,
        regionId: this.config.REGION_ID,
        clock: this.clock,
      });
      await this.pool.query(
        `UPDATE archive.document_jobs SET status = 'done', document_ref = $2, finished_at = now(),
                leased_until = NULL, last_error = NULL WHERE job_id = $1`,
        [job.jobId, ref],
      );
    } catch (error) {
      await this.failed(job, error);
    }
    return true;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const worked = await this.runOnce().catch((error: unknown) => {
        this.logger.error({ message: 'document job queue unreachable', error: String(error) });
        return false;
      });
      if (!worked && this.running)
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            this.sleepers.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, this.config.DOCUMENTS_POLL_MS);
          this.sleepers.add(wake);
        });
    }
  }

  private async claim(): Promise<(DocumentJob & { attempts: number }) | null> {
    const { rows } = await this.pool.query<DocumentJob & { attempts: number }>(
      `UPDATE archive.document_jobs
          SET leased_until = now() + make_interval(secs => $1), leased_by = $2,
              attempts = attempts + 1
        WHERE job_id = (SELECT job_id FROM archive.document_jobs
                         WHERE status = 'pending' AND (leased_until IS NULL OR leased_until < now())
                         ORDER BY job_id FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING job_id::text AS "jobId", record_id AS "recordId", kind,
                  source_version AS "sourceVersion", school_id AS "schoolId",
                  start_year AS "startYear", attempts`,
      [this.config.DOCUMENTS_LEASE_SECONDS, this.holder],
    );
    return rows[0] ?? null;
  }

  private async superseded(job: DocumentJob): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE archive.document_jobs SET status = 'superseded', finished_at = now(), leased_until = NULL
        WHERE job_id = $1 AND EXISTS (SELECT 1 FROM archive.document_jobs later
                WHERE later.record_id = $2 AND later.source_version > $3)`,
      [job.jobId, job.recordId, job.sourceVersion],
    );
    return rowCount === 1;
  }

  private async failed(job: DocumentJob & { attempts: number }, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    // Facts still in transit are waited for longer, and sooner.
    const notReady = error instanceof NotReadyError;
    const limit = this.config.DOCUMENTS_MAX_ATTEMPTS * (notReady ? 10 : 1);
    const final = job.attempts >= limit;
    const waitSeconds = notReady
      ? Math.min(30, job.attempts)
      : Math.min(300, 2 ** Math.min(job.attempts, 8));
    (notReady ? this.logger.warn : this.logger.error).call(this.logger, {
      message: final ? 'document job failed for good' : 'document job will be retried',
      recordId: job.recordId,
      sourceVersion: job.sourceVersion,
      attempts: job.attempts,
      error: reason,
    });
    await this.pool.query(
      `UPDATE archive.document_jobs
          SET status = CASE WHEN $2 THEN 'failed' ELSE status END, last_error = $3,
              leased_until = now() + make_interval(secs => $4)
        WHERE job_id = $1`,
      [job.jobId, final, reason.slice(0, 2000), waitSeconds],
    );
  }
}
