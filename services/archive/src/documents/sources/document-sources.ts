import type { RecordedEvent } from '@ejournal/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { summaryPlace } from '../../catalogue/record-update';
import { APP_POOL } from '../../infrastructure/tokens';
import type { SourceEvent } from '../content/source-event';

export interface JournalOfYear {
  streamId: string;
  groupId: string;
  sealedVersion: number | null;
}

/**
 * What the documents print, kept from the journal's topic, and the generation jobs it queues:
 * a journal's job when it is sealed; the school year's summary sheets when its last journal
 * is (and again when a sheet changes after that). One transaction per event; a replay inserts
 * nothing and queues nothing twice (`ON CONFLICT DO NOTHING` on both keys).
 */
@Injectable()
export class DocumentSources {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async apply(event: RecordedEvent): Promise<void> {
    const schoolId = event.tenant.schoolId;
    const summary = schoolId === null ? null : summaryPlace(event.streamId, schoolId);
    if (!schoolId || (!event.streamId.startsWith('journal-') && !summary)) return;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Whether a school's year is closed is read and acted on under one lock per school, so
      // two journals sealed at once on two partitions cannot both miss the last one.
      if (summary || event.type === 'JournalOpened' || event.type === 'JournalSealed')
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`documents:${schoolId}`]);
      // A disposed stream's events, replayed from the topic, are not kept again (the stream's
      // lock orders this against its forgetting).
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `sources:${event.streamId}`,
      ]);
      const inserted = await client.query(
        `INSERT INTO archive.document_sources
           SELECT $1, $2, $3, $4, $5, $6
            WHERE NOT EXISTS (SELECT 1 FROM archive.forgotten_sources WHERE stream_id = $1)
           ON CONFLICT DO NOTHING`,
        [event.streamId, event.streamVersion, schoolId, event.type, event.recordedAt, event.data],
      );
      if (inserted.rowCount === 1) await this.queue(client, event, schoolId, summary);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * A disposed record's content leaves the archive too (its stream is gone from the journal's
   * store), for good: its rows are deleted, the stream is marked forgotten under the act (a
   * replay of the topic keeps nothing of it again) and a generation job still waiting for it
   * ends `failed`. One transaction; a repeat removes nothing more. Returns the rows removed.
   */
  async forget(streamId: string, actReference: string): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sources:${streamId}`]);
      await client.query(
        `INSERT INTO archive.forgotten_sources (stream_id, act_reference) VALUES ($1, $2)
           ON CONFLICT DO NOTHING`,
        [streamId, actReference],
      );
      const { rowCount } = await client.query(
        'DELETE FROM archive.document_sources WHERE stream_id = $1',
        [streamId],
      );
      await client.query(
        `UPDATE archive.document_jobs SET status = 'failed', leased_until = NULL, last_error = $2
          WHERE record_id = $1 AND status = 'pending'`,
        [streamId, `disposed of (${actReference})`],
      );
      await client.query('COMMIT');
      return rowCount ?? 0;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  async stream(streamId: string, upTo: number): Promise<SourceEvent[]> {
    const { rows } = await this.pool.query<SourceEvent & { recordedAt: Date }>(
      `SELECT stream_id AS "streamId", stream_version AS "streamVersion", type,
              recorded_at AS "recordedAt", data
         FROM archive.document_sources WHERE stream_id = $1 AND stream_version <= $2
        ORDER BY stream_version`,
      [streamId, upTo],
    );
    return rows.map((row) => ({ ...row, recordedAt: new Date(row.recordedAt).toISOString() }));
  }

  async journalsOfYear(schoolId: string, startYear: number, client: Pool | PoolClient = this.pool) {
    const { rows } = await client.query<JournalOfYear>(
      `SELECT o.stream_id AS "streamId", o.data->>'groupId' AS "groupId",
              s.stream_version AS "sealedVersion"
         FROM archive.document_sources o
         LEFT JOIN archive.document_sources s
           ON s.stream_id = o.stream_id AND s.type = 'JournalSealed'
        WHERE o.school_id = $1 AND o.type = 'JournalOpened' AND o.data->>'academicYear' = $2`,
      [schoolId, `${startYear}/${startYear + 1}`],
    );
    return rows;
  }

  private async queue(
    client: PoolClient,
    event: RecordedEvent,
    schoolId: string,
    summary: { startYear: number; classId: string } | null,
  ): Promise<void> {
    if (summary) {
      if (await this.yearClosed(client, schoolId, summary.startYear))
        await this.enqueue(
          client,
          event.streamId,
          'summary_sheet',
          event.streamVersion,
          schoolId,
          summary.startYear,
        );
      return;
    }
    if (event.type !== 'JournalSealed') return;
    const startYear = Number(
      String((event.data as { academicYear: string }).academicYear).slice(0, 4),
    );
    await this.enqueue(client, event.streamId, 'journal', event.streamVersion, schoolId, startYear);
    if (!(await this.yearClosed(client, schoolId, startYear))) return;
    // The school's last journal of the year is sealed: every class's sheet, as it stands.
    const { rows } = await client.query<{ streamId: string; version: number }>(
      `SELECT stream_id AS "streamId", max(stream_version) AS version
         FROM archive.document_sources WHERE school_id = $1 AND stream_id LIKE $2
        GROUP BY stream_id`,
      [schoolId, `summary-${schoolId}-${startYear}-%`],
    );
    for (const sheet of rows)
      await this.enqueue(
        client,
        sheet.streamId,
        'summary_sheet',
        sheet.version,
        schoolId,
        startYear,
      );
  }

  private async yearClosed(client: PoolClient, schoolId: string, startYear: number) {
    const journals = await this.journalsOfYear(schoolId, startYear, client);
    return journals.length > 0 && journals.every((journal) => journal.sealedVersion !== null);
  }

  private async enqueue(
    client: PoolClient,
    recordId: string,
    kind: 'journal' | 'summary_sheet',
    version: number,
    schoolId: string,
    startYear: number,
  ): Promise<void> {
    await client.query(
      `INSERT INTO archive.document_jobs (record_id, kind, source_version, school_id, start_year)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [recordId, kind, version, schoolId, startYear],
    );
  }
}
