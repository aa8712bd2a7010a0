import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../../infrastructure/tokens';

export interface SchoolEntry {
  schoolId: string;
  regionId: string;
  municipalityId: string;
  timeZone: string;
}

/** A school as registered, and its calendar of an academic year. */
@Injectable()
export class CalendarQuery {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async school(schoolId: string): Promise<SchoolEntry | undefined> {
    const { rows } = await this.pool.query<SchoolEntry>(
      'SELECT school_id AS "schoolId", region_id AS "regionId", municipality_id AS "municipalityId", time_zone AS "timeZone" FROM identity.schools WHERE school_id = $1',
      [schoolId],
    );
    return rows[0];
  }

  /** The calendar of `academicYear`, or without one the calendar whose year holds `today`. */
  async calendar(schoolId: string, academicYear: string | null, today: string) {
    const { rows } = await this.pool.query<{ calendar: unknown }>(
      `SELECT calendar FROM identity.calendars WHERE school_id = $1
          AND ($2::text IS NOT NULL AND academic_year = $2 OR $2::text IS NULL AND $3::date BETWEEN starts_on AND ends_on)
        ORDER BY starts_on DESC LIMIT 1`,
      [schoolId, academicYear, today],
    );
    return rows[0]?.calendar;
  }
}
