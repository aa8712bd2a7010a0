import type { RecordedIdentityEvent } from '@ejournal/contracts';
import { unreachable } from '@ejournal/decider';
import type { PoolClient } from 'pg';
import type { FactsSchema } from './facts-schema';

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
const upsertSchool = (s: FactsSchema) => `INSERT INTO ${s}.schools (school_id, region_id, time_zone)
  VALUES ($1, $2, $3)
  ON CONFLICT (school_id) DO UPDATE SET region_id = EXCLUDED.region_id, time_zone = EXCLUDED.time_zone`;

const upsertCalendar = (s: FactsSchema) => `INSERT INTO ${s}.calendars
    (school_id, academic_year, starts_on, ends_on, period_kind, periods, holidays)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (school_id, academic_year) DO UPDATE SET starts_on = EXCLUDED.starts_on,
    ends_on = EXCLUDED.ends_on, period_kind = EXCLUDED.period_kind,
    periods = EXCLUDED.periods, holidays = EXCLUDED.holidays`;

const upsertPolicy = (s: FactsSchema) => `INSERT INTO ${s}.policies
    (school_id, policy_version, effective_from, policy)
  VALUES ($1, $2, $3, $4)
  ON CONFLICT (school_id, policy_version) DO UPDATE
  SET effective_from = EXCLUDED.effective_from, policy = EXCLUDED.policy`;

const upsertGroup = (s: FactsSchema) => `INSERT INTO ${s}.groups
    (group_id, school_id, academic_year, kind) VALUES ($1, $2, $3, $4)
  ON CONFLICT (group_id) DO UPDATE SET school_id = EXCLUDED.school_id,
    academic_year = EXCLUDED.academic_year, kind = EXCLUDED.kind`;

// node-postgres would send a JavaScript array as a PostgreSQL array, not as JSON.
const json = (value: unknown) => JSON.stringify(value);

export async function projectSchool(
  client: PoolClient,
  schema: FactsSchema,
  event: SchoolEvent,
): Promise<void> {
  switch (event.type) {
    case 'SchoolRegistered': {
      const { schoolId, regionId, timeZone } = event.data;
      await client.query(upsertSchool(schema), [schoolId, regionId, timeZone]);
      return;
    }
    case 'AcademicCalendarSet': {
      const { schoolId, academicYear, startsOn, endsOn, periodKind, periods, holidays } =
        event.data;
      await client.query(upsertCalendar(schema), [
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
      const values = [schoolId, policyVersion, effectiveFrom, json(event.data)];
      await client.query(upsertPolicy(schema), values);
      return;
    }
    case 'ClassOpened': {
      const { classId, schoolId, academicYear } = event.data;
      await client.query(upsertGroup(schema), [classId, schoolId, academicYear, 'class']);
      return;
    }
    case 'GroupFormed': {
      const { groupId, schoolId, academicYear, kind } = event.data;
      await client.query(upsertGroup(schema), [groupId, schoolId, academicYear, kind]);
      return;
    }
    default:
      return unreachable(event);
  }
}
