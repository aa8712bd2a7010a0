import type { SchoolYear } from '@ejournal/identity-domain';
import { NotFoundProblem, UnprocessableProblem } from '@ejournal/http';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';

export interface ClassFacts {
  classId: string;
  schoolId: string;
  regionId: string;
  year: SchoolYear;
}

/** What an enrolment needs to know of its class: the school, and the dates of its year. */
@Injectable()
export class PlacementFacts {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async ofClass(classId: string): Promise<ClassFacts> {
    const { rows } = await this.pool.query<{
      school_id: string;
      region_id: string;
      academic_year: string;
      starts_on: string | null;
      ends_on: string | null;
    }>(
      `SELECT c.school_id, s.region_id, c.academic_year,
              to_char(k.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(k.ends_on, 'YYYY-MM-DD') AS ends_on
         FROM identity.classes c JOIN identity.schools s USING (school_id)
         LEFT JOIN identity.calendars k ON k.school_id = c.school_id AND k.academic_year = c.academic_year
        WHERE c.class_id = $1`,
      [classId],
    );
    const row = rows[0];
    if (!row) throw new NotFoundProblem('IDENTITY.UNKNOWN_CLASS', 'No such class');
    if (!row.starts_on || !row.ends_on) {
      throw new UnprocessableProblem(
        'IDENTITY.NO_CALENDAR',
        `The school has no calendar for ${row.academic_year}`,
      );
    }
    return {
      classId,
      schoolId: row.school_id,
      regionId: row.region_id,
      year: { academicYear: row.academic_year, startsOn: row.starts_on, endsOn: row.ends_on },
    };
  }

  async requireSchool(schoolId: string): Promise<void> {
    const { rowCount } = await this.pool.query(
      'SELECT 1 FROM identity.schools WHERE school_id = $1',
      [schoolId],
    );
    if (rowCount !== 1) throw new UnprocessableProblem('IDENTITY.UNKNOWN_SCHOOL', 'No such school');
  }

  async requirePerson(personId: string): Promise<void> {
    const { rowCount } = await this.pool.query(
      'SELECT 1 FROM identity.persons WHERE person_id = $1 AND erased_at IS NULL',
      [personId],
    );
    if (rowCount !== 1) throw new NotFoundProblem('IDENTITY.UNKNOWN_PERSON', 'No such person');
  }
}
