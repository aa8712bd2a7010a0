import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';
import { Today } from '../people/today';

/** The school and class a pupil is enrolled in on a date, from the enrolment read model. */
export async function placementOn(
  pool: Pool,
  pupilId: string,
  date: string,
): Promise<{ schoolId: string; classId: string } | null> {
  const { rows } = await pool.query<{ schoolId: string; classId: string }>(
    `SELECT school_id AS "schoolId", class_id AS "classId" FROM identity.enrolments
      WHERE pupil_id = $1 AND from_date <= $2 AND (to_date IS NULL OR to_date > $2)
      ORDER BY from_date DESC LIMIT 1`,
    [pupilId, date],
  );
  return rows[0] ?? null;
}

/** The school a pupil is enrolled in today. */
@Injectable()
export class PupilSchool {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    private readonly today: Today,
  ) {}

  async of(pupilId: string): Promise<string | null> {
    return (await placementOn(this.pool, pupilId, this.today.date()))?.schoolId ?? null;
  }
}
