import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../../infrastructure/tokens';

/** A school's classes and groups, of one academic year or all: labels and ids only. */
@Injectable()
export class ClassesQuery {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async ofSchool(schoolId: string, academicYear: string | null) {
    const classes = await this.pool.query(
      `SELECT class_id AS "classId", academic_year AS "academicYear", grade, letter, grade || letter AS label
         FROM identity.classes WHERE school_id = $1 AND ($2::text IS NULL OR academic_year = $2) ORDER BY academic_year, grade, letter`,
      [schoolId, academicYear],
    );
    const groups = await this.pool.query(
      `SELECT group_id AS "groupId", academic_year AS "academicYear", kind, title
         FROM identity.groups WHERE school_id = $1 AND ($2::text IS NULL OR academic_year = $2) ORDER BY academic_year, title`,
      [schoolId, academicYear],
    );
    return { classes: classes.rows, groups: groups.rows };
  }
}
