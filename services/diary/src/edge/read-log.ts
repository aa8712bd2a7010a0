import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';

export interface ReadEntry {
  actorId: string;
  role: string;
  pupilId: string;
  endpoint: string;
  schoolId: string | null;
}

/** 152-FZ: who read whose diary, when, through which role and school; append-only table. */
@Injectable()
export class ReadLog {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async record(entry: ReadEntry): Promise<void> {
    await this.pool.query(
      `INSERT INTO diary.read_log (actor_id, actor_role, pupil_id, endpoint, school_id)
       VALUES ($1, $2, $3, $4, $5)`,
      [entry.actorId, entry.role, entry.pupilId, entry.endpoint, entry.schoolId],
    );
  }
}
