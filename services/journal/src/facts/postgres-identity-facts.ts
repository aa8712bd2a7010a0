import type { SchoolPolicyPublished } from '@ejournal/contracts';
import type { IsoDate } from '@ejournal/decider';
import type { CalendarFacts, PeriodFacts } from '@ejournal/journal-domain';
import type { Pool } from 'pg';
import type { GroupFacts, IdentityFacts, SchoolFacts, SchoolPolicy } from './identity-facts.port';
import { schoolPolicyOf } from './school-policy';

// Dates leave PostgreSQL as ISO text whatever the session's DateStyle, never as a JS Date.
const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

// Half-open [from_date, until_date): on `date` means from_date <= date < until_date.
const HOLDS_ON = 'from_date <= $2::date AND (until_date IS NULL OR until_date > $2::date)';
// Any day of [$2, $3]: the interval starts by the last day and ends after the first.
const HOLDS_DURING =
  'from_date <= $3::date AND (until_date IS NULL OR until_date > $2::date) AND $2::date <= $3::date';

/** A class's pupils (placements) and an ad-hoc group's (memberships), one id or the other. */
const membersWhere = (condition: string) => `
  SELECT pupil_id FROM journal_facts.placements WHERE class_id = $1 AND ${condition}
  UNION
  SELECT pupil_id FROM journal_facts.group_memberships WHERE group_id = $1 AND ${condition}
  ORDER BY pupil_id`;

const MEMBERS_ON = membersWhere(HOLDS_ON);
const MEMBERS_DURING = membersWhere(HOLDS_DURING);

/** Identity's facts as projected into `journal_facts` (migration 201), read on the app pool. */
export class PostgresIdentityFacts implements IdentityFacts {
  constructor(private readonly pool: Pool) {}

  async school(schoolId: string): Promise<SchoolFacts | null> {
    const { rows } = await this.pool.query<SchoolFacts>(
      `SELECT school_id AS "schoolId", region_id AS "regionId", time_zone AS "timeZone"
       FROM journal_facts.schools WHERE school_id = $1`,
      [schoolId],
    );
    return rows[0] ?? null;
  }

  async group(groupId: string): Promise<GroupFacts | null> {
    const { rows } = await this.pool.query<GroupFacts>(
      `SELECT group_id AS "groupId", school_id AS "schoolId", academic_year AS "academicYear", kind
       FROM journal_facts.groups WHERE group_id = $1`,
      [groupId],
    );
    return rows[0] ?? null;
  }

  async staffSchools(personId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ school_id: string }>(
      `SELECT DISTINCT school_id FROM journal_facts.staff_grants WHERE person_id = $1
       ORDER BY school_id`,
      [personId],
    );
    return rows.map((row) => row.school_id);
  }

  async calendar(schoolId: string, academicYear: string): Promise<CalendarFacts | null> {
    const { rows } = await this.pool.query<CalendarFacts & { periods: PeriodFacts[] }>(
      `SELECT academic_year AS "academicYear", ${iso('starts_on')} AS "startsOn",
              ${iso('ends_on')} AS "endsOn", periods
       FROM journal_facts.calendars WHERE school_id = $1 AND academic_year = $2`,
      [schoolId, academicYear],
    );
    const row = rows[0];
    if (!row) return null;
    const periods = row.periods.map(({ number, startsOn, endsOn }) => ({
      number,
      startsOn,
      endsOn,
    }));
    return { ...row, periods };
  }

  async policyOn(schoolId: string, date: IsoDate): Promise<SchoolPolicy | null> {
    const { rows } = await this.pool.query<{ policy: SchoolPolicyPublished['data'] }>(
      `SELECT policy FROM journal_facts.policies
       WHERE school_id = $1 AND effective_from <= $2::date
       ORDER BY policy_version DESC LIMIT 1`,
      [schoolId, date],
    );
    return rows[0] ? schoolPolicyOf(rows[0].policy) : null;
  }

  async membersOn(groupId: string, date: IsoDate): Promise<string[]> {
    const { rows } = await this.pool.query<{ pupil_id: string }>(MEMBERS_ON, [groupId, date]);
    return rows.map((row) => row.pupil_id);
  }

  async membersDuring(groupId: string, startsOn: IsoDate, endsOn: IsoDate): Promise<string[]> {
    const { rows } = await this.pool.query<{ pupil_id: string }>(MEMBERS_DURING, [
      groupId,
      startsOn,
      endsOn,
    ]);
    return rows.map((row) => row.pupil_id);
  }

  async classOf(
    pupilId: string,
    date: IsoDate,
  ): Promise<{ schoolId: string; classId: string } | null> {
    const { rows } = await this.pool.query<{ schoolId: string; classId: string }>(
      `SELECT school_id AS "schoolId", class_id AS "classId" FROM journal_facts.placements
       WHERE pupil_id = $1 AND ${HOLDS_ON}
       ORDER BY opened_by DESC LIMIT 1`,
      [pupilId, date],
    );
    return rows[0] ?? null;
  }
}
