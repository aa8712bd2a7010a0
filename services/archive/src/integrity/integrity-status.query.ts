import { problemType } from '@ejournal/http';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool, QueryResult } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';

export interface LogStatus {
  logId: string;
  service: string;
  checkpointId: string;
  treeSize: number;
  signedAt: string;
  receivedAt: string;
  verdict: 'first' | 'consistent' | 'failed';
}

export interface IntegrityProblem {
  type: string;
  title: string;
  code: string;
  detail: string;
  logId: string;
  checkpointId: string;
  receivedAt: string;
}

export interface IntegrityStatus {
  status: 'ok' | 'alarm';
  logs: LogStatus[];
  problems: IntegrityProblem[];
}

/** The latest checkpoint kept per log and every failed one, newest first (at most 100). */
@Injectable()
export class IntegrityStatusQuery {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async status(): Promise<IntegrityStatus> {
    // One snapshot for both reads: a checkpoint committed between two separate statements
    // could otherwise be among the problems and not yet the log's latest.
    const client = await this.pool.connect();
    let latest: QueryResult;
    let failed: QueryResult;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      latest = await client.query(
        `SELECT DISTINCT ON (log_id) log_id, service, checkpoint_id::text AS id,
           tree_size::text AS size, signed_at, received_at, verdict
         FROM archive.checkpoints ORDER BY log_id, checkpoint_id DESC`,
      );
      failed = await client.query(
        `SELECT log_id, checkpoint_id::text AS id, received_at, problem_code, problem
         FROM archive.checkpoints WHERE verdict = 'failed'
         ORDER BY received_at DESC, checkpoint_id DESC LIMIT 100`,
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    const problems = failed.rows.map((row) => ({
      type: problemType(row.problem_code as string),
      title: 'A checkpoint failed the archive’s integrity checks',
      code: row.problem_code as string,
      detail: row.problem as string,
      logId: row.log_id as string,
      checkpointId: row.id as string,
      receivedAt: (row.received_at as Date).toISOString(),
    }));
    return {
      status: problems.length > 0 ? 'alarm' : 'ok',
      logs: latest.rows.map((row) => ({
        logId: row.log_id,
        service: row.service,
        checkpointId: row.id,
        treeSize: Number(row.size),
        signedAt: (row.signed_at as Date).toISOString(),
        receivedAt: (row.received_at as Date).toISOString(),
        verdict: row.verdict,
      })),
      problems,
    };
  }
}
