import type { RecordedIdentityEvent } from '@ejournal/contracts';
import { unreachable } from '@ejournal/decider';
import type { PoolClient } from 'pg';

type Of<T extends RecordedIdentityEvent['type']> = Extract<RecordedIdentityEvent, { type: T }>;

/** Stream `school-{id}`: the school, its calendars, policies, classes and groups. */
export type SchoolEvent = Of<
  | 'SchoolRegistered'
  | 'AcademicCalendarSet'
  | 'SchoolPolicyPublished'
  | 'ClassOpened'
  | 'GroupFormed'
>;

// Upserts, so the latest event of the stream wins when the facts are rebuilt from scratch.
const UPSERT_SCHOOL = `INSERT INTO journal_facts.schools (school_id, region_id, time_zone)
  VALUES ($1, $2, $3)
  ON CONFLICT (school_id) DO UPDATE SET region_id = EXCLUDED.region_id, time_zone = EXCLUDED.time_zone`;

const UPSERT_CALENDAR = `INSERT INTO journal_facts.calendars
    (school_id, academic_year, starts_on, ends_on, period_kind, periods, holidays)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (school_id, academic_year) DO UPDATE SET starts_on = EXCLUDED.starts_on,
    ends_on = EXCLUDED.ends_on, period_kind = EXCLUDED.period_kind,
    periods = EXCLUDED.periods, holidays = EXCLUDED.holidays`;

const UPSERT_POLICY = `INSERT INTO journal_facts.policies
    (school_id, policy_version, effective_from, policy)
  VALUES ($1, $2, $3, $4)
  ON CONFLICT (school_id, policy_version) DO UPDATE
  SET effective_from = EXCLUDED.effective_from, policy = EXCLUDED.policy`;

const UPSERT_GROUP = `INSERT INTO journal_facts.groups (group_id, school_id, academic_year, kind)
  VALUES ($1, $2, $3, $4)
  ON CONFLICT (group_id) DO UPDATE SET school_id = EXCLUDED.school_id,
    academic_year = EXCLUDED.academic_year, kind = EXCLUDED.kind`;

// node-postgres would send a JavaScript array as a PostgreSQL array, not as JSON.
const json = (value: unknown) => JSON.stringify(value);

export async function projectSchool(client: PoolClient, event: SchoolEvent): Promise<void> {
  switch (event.type) {
    case 'SchoolRegistered': {
      const { schoolId, regionId, timeZone } = event.data;
      await client.query(UPSERT_SCHOOL, [schoolId, regionId, timeZone]);
      return;
    }
    case 'AcademicCalendarSet': {
      const { schoolId, academicYear, startsOn, endsOn, periodKind, periods, holidays } =
        event.data;
      await client.query(UPSERT_CALENDAR, [
        schoolId,
        academicYear,
        startsOn,
        endsOn,
        periodKind,
        json(periods),
        json(holidays),
      ]);
      return;
    }
    case 'SchoolPolicyPublished': {
      const { schoolId, policyVersion, effectiveFrom } = event.data;
      await client.query(UPSERT_POLICY, [schoolId, policyVersion, effectiveFrom, json(event.data)]);
      return;
    }
    case 'ClassOpened': {
      const { classId, schoolId, academicYear } = event.data;
      await client.query(UPSERT_GROUP, [classId, schoolId, academicYear, 'class']);
      return;
    }
    case 'GroupFormed': {
      const { groupId, schoolId, academicYear, kind } = event.data;
      await client.query(UPSERT_GROUP, [groupId, schoolId, academicYear, kind]);
      return;
    }
    default:
      return unreachable(event);
  }
}
