import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';
import { Today } from '../people/today';

/** The school a pupil is enrolled in today, from the enrolment read model. */
@Injectable()
export class PupilSchool {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    private readonly today: Today,
  ) {}

  async of(pupilId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ school_id: string }>(
      `SELECT school_id FROM identity.enrolments
        WHERE pupil_id = $1 AND from_date <= $2 AND (to_date IS NULL OR to_date > $2)
        ORDER BY from_date DESC LIMIT 1`,
      [pupilId, this.today.date()],
    );
    return rows[0]?.school_id ?? null;
  }
}
