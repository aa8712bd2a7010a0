import type { Principal } from '@ejournal/auth';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';

export interface AccessEntry {
  principal: Principal;
  role: string;
  subjects: readonly string[];
  endpoint: string;
  schoolId: string | null;
}

/** 152-FZ: every read of a person's data is recorded (who, whose, when, where); append-only. */
@Injectable()
export class AccessLog {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async record({ principal, role, subjects, endpoint, schoolId }: AccessEntry): Promise<void> {
    if (subjects.length === 0) return;
    await this.pool.query(
      `INSERT INTO identity.access_log (actor_id, actor_role, subject_id, endpoint, school_id)
       SELECT $1, $2, subject, $3, $4 FROM unnest($5::uuid[]) AS subject`,
      [principal.subject, role, endpoint, schoolId, [...new Set(subjects)]],
    );
  }
}
