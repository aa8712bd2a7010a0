import type { SchoolPolicyPublished } from '@ejournal/contracts';
import { classOf } from '@ejournal/identity-facts';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';
import { DIARY_FACTS } from './project-identity-event';

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

export interface GuardianLink {
  pupilId: string;
  guardianId: string;
  restrictions: string[];
}

/** Identity's facts as the diary projected them (`diary_facts`), ids only. */
@Injectable()
export class DiaryFacts {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  /** The pupil's class on a date, else the latest placement (a pupil who left stays placed). */
  async placeOf(pupilId: string, date: string, db: Queryable = this.pool): Promise<Place | null> {
    const now = await classOf(db, DIARY_FACTS, pupilId, date);
    if (now) return now;
    const { rows } = await db.query<Place>(
      `SELECT school_id AS "schoolId", class_id AS "classId" FROM diary_facts.placements
       WHERE pupil_id = $1 ORDER BY opened_by DESC LIMIT 1`,
      [pupilId],
    );
    return rows[0] ?? null;
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
