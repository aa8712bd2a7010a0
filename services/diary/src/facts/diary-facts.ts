import type { SchoolPolicyPublished } from '@ejournal/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';

type Queryable = Pick<Pool | PoolClient, 'query'>;

export interface Place {
  schoolId: string;
  classId: string;
}

export interface Period {
  number: number;
  startsOn: string;
  endsOn: string;
}

export type Averaging = SchoolPolicyPublished['data']['averaging'];

// The guardianship holds on $1 and its restrictions in force then (the latest set from before).
const GUARDIANSHIPS_ON = `
  SELECT g.pupil_id AS "pupilId", g.guardian_id AS "guardianId",
    COALESCE((SELECT r.restrictions FROM diary_facts.guardianship_restrictions r
      WHERE r.pupil_id = g.pupil_id AND r.guardian_id = g.guardian_id AND r.from_date <= $1::date
      ORDER BY r.from_date DESC LIMIT 1), '{}') AS restrictions
  FROM diary_facts.guardianships g
  WHERE g.valid_from <= $1::date AND (g.valid_until IS NULL OR g.valid_until > $1::date)`;

/** Where a pupil is, the school's zone and date, and a caller's guardianship of the pupil. */
export interface ReaderFacts {
  place: Place;
  timeZone: string;
  /** The date in the school's zone at the instant asked about. */
  today: string;
  /** The caller's link to the pupil holding today, with its restrictions; null when none. */
  restrictions: string[] | null;
}

// The placement holding on $2 (the latest opened), else the latest; the school's zone and its
// date at $3; the guardianship of $4 holding on that date, with its restrictions then.
const READER_FACTS = `
  WITH place AS (
    SELECT p.school_id, p.class_id, COALESCE(s.time_zone, 'UTC') AS time_zone
    FROM diary_facts.placements p LEFT JOIN diary_facts.schools s ON s.school_id = p.school_id
    WHERE p.pupil_id = $1
    ORDER BY (p.from_date <= $2::date AND (p.until_date IS NULL OR p.until_date > $2::date)) DESC,
      p.opened_by DESC
    LIMIT 1
  ), here AS (
    SELECT *, ($3::timestamptz AT TIME ZONE time_zone)::date AS today FROM place
  )
  SELECT h.school_id AS "schoolId", h.class_id AS "classId", h.time_zone AS "timeZone",
    to_char(h.today, 'YYYY-MM-DD') AS today,
    (SELECT COALESCE((SELECT r.restrictions FROM diary_facts.guardianship_restrictions r
        WHERE r.pupil_id = g.pupil_id AND r.guardian_id = g.guardian_id AND r.from_date <= h.today
        ORDER BY r.from_date DESC LIMIT 1), '{}')
     FROM diary_facts.guardianships g
     WHERE g.pupil_id = $1 AND g.guardian_id = $4 AND g.valid_from <= h.today
       AND (g.valid_until IS NULL OR g.valid_until > h.today)
     LIMIT 1) AS restrictions
  FROM here h`;

export interface GuardianLink {
  pupilId: string;
  guardianId: string;
  restrictions: string[];
}

/** Identity's facts as the diary projected them (`diary_facts`), ids only. */
@Injectable()
export class DiaryFacts {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  /**
   * The pupil's class on a date, else the latest placement (a pupil who left stays placed):
   * one query, the placement holding that day first.
   */
  async placeOf(pupilId: string, date: string, db: Queryable = this.pool): Promise<Place | null> {
    const { rows } = await db.query<Place>(
      `SELECT school_id AS "schoolId", class_id AS "classId" FROM diary_facts.placements
       WHERE pupil_id = $1
       ORDER BY (from_date <= $2::date AND (until_date IS NULL OR until_date > $2::date)) DESC,
         opened_by DESC
       LIMIT 1`,
      [pupilId, date],
    );
    return rows[0] ?? null;
  }

  /**
   * What deciding a read of the pupil's diary takes, in one round trip: the pupil's place on
   * the UTC date of `at` (as `placeOf`), the school's zone and date then, and the link of
   * `guardianId` (when asked) holding that date.
   */
  async readerFacts(
    pupilId: string,
    at: Date,
    guardianId: string | null,
  ): Promise<ReaderFacts | null> {
    const { rows } = await this.pool.query<
      Place & { timeZone: string; today: string; restrictions: string[] | null }
    >(READER_FACTS, [pupilId, at.toISOString().slice(0, 10), at.toISOString(), guardianId]);
    const row = rows[0];
    if (!row) return null;
    const { schoolId, classId, timeZone, today, restrictions } = row;
    return { place: { schoolId, classId }, timeZone, today, restrictions };
  }

  async timeZone(schoolId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ time_zone: string }>(
      'SELECT time_zone FROM diary_facts.schools WHERE school_id = $1',
      [schoolId],
    );
    return rows[0]?.time_zone ?? null;
  }

  /** Guardians whose link to the pupil holds on `date`, with the restrictions then. */
  async guardiansOf(pupilId: string, date: string, db: Queryable = this.pool) {
    const { rows } = await db.query<GuardianLink>(
      `${GUARDIANSHIPS_ON} AND g.pupil_id = $2 ORDER BY g.guardian_id`,
      [date, pupilId],
    );
    return rows;
  }

  /** The pupils a person is guardian of on `date`, with the restrictions then. */
  async childrenOf(guardianId: string, date: string): Promise<GuardianLink[]> {
    const { rows } = await this.pool.query<GuardianLink>(
      `${GUARDIANSHIPS_ON} AND g.guardian_id = $2 ORDER BY g.pupil_id`,
      [date, guardianId],
    );
    return rows;
  }

  /**
   * Guardians told about each pupil on `date`: linked, unrestricted, with identity's consent.
   * One query for all the pupils an event concerns (a lesson's homework concerns its class).
   */
  async notifiedGuardians(
    pupilIds: string[],
    date: string,
    db: Queryable,
  ): Promise<Map<string, string[]>> {
    const { rows } = await db.query<GuardianLink>(
      `${GUARDIANSHIPS_ON} AND g.pupil_id = ANY($2::text[])
         AND EXISTS (SELECT 1 FROM diary_facts.consents c WHERE c.subject_id = g.pupil_id
           AND c.grantor_id = g.guardian_id AND c.purpose = 'diary_notifications')
       ORDER BY g.pupil_id, g.guardian_id`,
      [date, pupilIds],
    );
    const told = new Map<string, string[]>();
    for (const link of rows.filter((each) => each.restrictions.length === 0))
      told.set(link.pupilId, [...(told.get(link.pupilId) ?? []), link.guardianId]);
    return told;
  }

  /** The policy's averaging in force on a date: the highest version effective by then. */
  async averagingOn(schoolId: string, date: string, db: Queryable): Promise<Averaging | null> {
    const { rows } = await db.query<{ policy: SchoolPolicyPublished['data'] }>(
      `SELECT policy FROM diary_facts.policies WHERE school_id = $1 AND effective_from <= $2::date
       ORDER BY policy_version DESC LIMIT 1`,
      [schoolId, date],
    );
    return rows[0]?.policy.averaging ?? null;
  }

  /** The periods of the school's academic year (the calendar in force). */
  async periodsOf(schoolId: string, academicYear: string, db: Queryable): Promise<Period[]> {
    const { rows } = await db.query<{ periods: Period[] }>(
      'SELECT periods FROM diary_facts.calendars WHERE school_id = $1 AND academic_year = $2',
      [schoolId, academicYear],
    );
    return (rows[0]?.periods ?? []).map(({ number, startsOn, endsOn }) => ({
      number,
      startsOn,
      endsOn,
    }));
  }

  /** The academic year of the school's calendar containing `date`, if any. */
  async academicYearOn(schoolId: string, date: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ academic_year: string }>(
      `SELECT academic_year FROM diary_facts.calendars
       WHERE school_id = $1 AND starts_on <= $2::date AND ends_on >= $2::date`,
      [schoolId, date],
    );
    return rows[0]?.academic_year ?? null;
  }
}
