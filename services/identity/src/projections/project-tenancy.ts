import type { RecordedIdentityEvent } from '@ejournal/contracts';
import { unreachable } from '@ejournal/decider';
import type { PoolClient } from 'pg';

type Of<T extends RecordedIdentityEvent['type']> = Extract<RecordedIdentityEvent, { type: T }>;
export type TenancyEvent = Of<
  | 'MunicipalityRegistered'
  | 'SchoolRegistered'
  | 'AcademicCalendarSet'
  | 'SchoolPolicyPublished'
  | 'ClassOpened'
  | 'GroupFormed'
>;

/** Schools, calendars, policies, classes and groups as the read API serves them. */
export async function projectTenancy(client: PoolClient, event: TenancyEvent): Promise<void> {
  switch (event.type) {
    case 'MunicipalityRegistered': {
      const { municipalityId, regionId } = event.data;
      await client.query(
        'INSERT INTO identity.municipalities VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [municipalityId, regionId],
      );
      return;
    }
    case 'SchoolRegistered': {
      const { schoolId, regionId, municipalityId, timeZone } = event.data;
      await client.query(
        'INSERT INTO identity.schools VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [schoolId, regionId, municipalityId, timeZone],
      );
      return;
    }
    case 'AcademicCalendarSet': {
      const { schoolId, academicYear, startsOn, endsOn } = event.data;
      await client.query(
        `INSERT INTO identity.calendars VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (school_id, academic_year) DO UPDATE
         SET starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on, calendar = EXCLUDED.calendar`,
        [schoolId, academicYear, startsOn, endsOn, event.data],
      );
      return;
    }
    case 'SchoolPolicyPublished': {
      const { schoolId, policyVersion, effectiveFrom } = event.data;
      await client.query(
        'INSERT INTO identity.policies VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [schoolId, policyVersion, effectiveFrom, event.data, event.recordedAt],
      );
      return;
    }
    case 'ClassOpened': {
      const { classId, schoolId, academicYear, grade, letter } = event.data;
      await client.query(
        'INSERT INTO identity.classes VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [classId, schoolId, academicYear, grade, letter],
      );
      return;
    }
    case 'GroupFormed': {
      const { groupId, schoolId, academicYear, kind, title } = event.data;
      await client.query(
        'INSERT INTO identity.groups VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [groupId, schoolId, academicYear, kind, title],
      );
      return;
    }
    default:
      return unreachable(event);
  }
}
