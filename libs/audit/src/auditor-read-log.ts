import type { Grant } from '@ejournal/auth';
import type { Pool } from 'pg';

/** One auditor read as logged. */
export interface AuditorRead {
  readId: string;
  readAt: string;
  subject: string;
  role: string;
  grantScope: Grant['scope'];
  method: string;
  route: string;
  url: string;
  correlationId: string | null;
}

interface Row {
  read_id: string;
  read_at: Date;
  subject: string;
  role: string;
  grant_scope: Grant['scope'];
  method: string;
  route: string;
  url: string;
  correlation_id: string | null;
}

/** `audit.auditor_reads`: append-only, the instant set by the database. */
export class AuditorReadLog {
  constructor(private readonly pool: Pool) {}

  async record(read: Omit<AuditorRead, 'readId' | 'readAt'>): Promise<void> {
    await this.pool.query(
      `INSERT INTO audit.auditor_reads (subject, role, grant_scope, method, route, url, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        read.subject,
        read.role,
        JSON.stringify(read.grantScope),
        read.method,
        read.route,
        read.url,
        read.correlationId,
      ],
    );
  }

  /** Reads after `afterId`, oldest first, at most `limit`. */
  async list(afterId: string, limit: number): Promise<AuditorRead[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT read_id::text, read_at, subject, role, grant_scope, method, route, url, correlation_id
       FROM audit.auditor_reads WHERE read_id > $1 ORDER BY read_id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((row) => ({
      readId: row.read_id,
      readAt: row.read_at.toISOString(),
      subject: row.subject,
      role: row.role,
      grantScope: row.grant_scope,
      method: row.method,
      route: row.route,
      url: row.url,
      correlationId: row.correlation_id,
    }));
  }
}
