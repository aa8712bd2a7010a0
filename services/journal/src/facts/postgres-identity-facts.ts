import type { SchoolPolicyPublished } from '@ejournal/contracts';
import type { IsoDate } from '@ejournal/decider';
import type { CalendarFacts, PeriodFacts } from '@ejournal/journal-domain';
import { classOf, factsSchema, membersDuring, membersOn } from '@ejournal/identity-facts';
import type { Pool } from 'pg';
import type { GroupFacts, IdentityFacts, SchoolFacts, SchoolPolicy } from './identity-facts.port';
import { schoolPolicyOf } from './school-policy';

// Dates leave PostgreSQL as ISO text whatever the session's DateStyle, never as a JS Date.
const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

const FACTS = factsSchema('journal_facts');

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

  membersOn(groupId: string, date: IsoDate): Promise<string[]> {
    return membersOn(this.pool, FACTS, groupId, date);
  }

  membersDuring(groupId: string, startsOn: IsoDate, endsOn: IsoDate): Promise<string[]> {
    return membersDuring(this.pool, FACTS, groupId, startsOn, endsOn);
  }

  async revision(): Promise<number> {
    const result = await this.pool.query<{ revision: string }>(
      `SELECT revision FROM ${FACTS}.facts_revision`,
    );
    return Number(result.rows[0]?.revision ?? 0);
  }

  classOf(pupilId: string, date: IsoDate): Promise<{ schoolId: string; classId: string } | null> {
    return classOf(this.pool, FACTS, pupilId, date);
  }
}
