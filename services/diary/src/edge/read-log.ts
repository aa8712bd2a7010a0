import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL, CLOCK, type Clock } from '../infrastructure/tokens';

export interface ReadEntry {
  actorId: string;
  role: string;
  pupilId: string;
  endpoint: string;
  schoolId: string | null;
}

interface Waiting {
  entry: ReadEntry;
  at: Date;
  logged: () => void;
  failed: (error: unknown) => void;
}

/** At most this many entries in one INSERT. */
const MOST_PER_INSERT = 500;

/**
 * 152-FZ: who read whose diary, when, through which role and school; append-only table.
 *
 * A read waits until its entry is committed. Entries of reads made while an INSERT is in
 * flight go together in the next one (group commit): one round trip and one commit for the
 * reads of a moment instead of one each, as PostgreSQL's own WAL flush groups commits. Each
 * entry keeps the instant of its read, not of the INSERT. A failed INSERT fails every read it
 * carried.
 */
@Injectable()
export class ReadLog {
  private waiting: Waiting[] = [];
  private inserting = false;

  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  record(entry: ReadEntry): Promise<void> {
    return new Promise((logged, failed) => {
      this.waiting.push({ entry, at: this.clock(), logged, failed });
      if (!this.inserting) void this.insertWaiting();
    });
  }

  private async insertWaiting(): Promise<void> {
    this.inserting = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MOST_PER_INSERT);
        try {
          await this.insert(batch);
          for (const each of batch) each.logged();
        } catch (error) {
          for (const each of batch) each.failed(error);
        }
      }
    } finally {
      this.inserting = false;
    }
  }

  private async insert(batch: Waiting[]): Promise<void> {
    const column = <T>(of: (each: Waiting) => T) => batch.map(of);
    await this.pool.query(
      `INSERT INTO diary.read_log (at, actor_id, actor_role, pupil_id, endpoint, school_id)
       SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[],
         $6::text[])`,
      [
        column((each) => each.at.toISOString()),
        column((each) => each.entry.actorId),
        column((each) => each.entry.role),
        column((each) => each.entry.pupilId),
        column((each) => each.entry.endpoint),
        column((each) => each.entry.schoolId),
      ],
    );
  }
}
