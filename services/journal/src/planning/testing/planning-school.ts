import type { NewEvent } from '@ejournal/contracts';
import type { Pool } from 'pg';
import { projectIdentityEvent } from '../../facts/project-identity-event';
import {
  classOpened,
  identityEvent,
  policyPublished,
  pupilEnrolled,
  recorded,
  schoolRegistered,
} from '../../facts/testing/identity-events';

// Specs only.

export const SCHOOL = 'school-p';
export const YEAR = '2026/2027';

/** Quarters of 2026/2027 with the autumn holidays (2–8 November). */
export const calendarSet = (schoolId: string) =>
  identityEvent(
    'AcademicCalendarSet',
    {
      schoolId,
      academicYear: YEAR,
      startsOn: '2026-09-01',
      endsOn: '2027-05-31',
      periodKind: 'quarters',
      periods: [
        { number: 1, startsOn: '2026-09-01', endsOn: '2026-10-31' },
        { number: 2, startsOn: '2026-11-09', endsOn: '2026-12-27' },
        { number: 3, startsOn: '2027-01-09', endsOn: '2027-03-20' },
        { number: 4, startsOn: '2027-03-30', endsOn: '2027-05-31' },
      ],
      holidays: [{ startsOn: '2026-11-02', endsOn: '2026-11-08', title: 'Осенние каникулы' }],
    },
    schoolId,
  );

export const staffGranted = (schoolId: string, personId: string, role: 'teacher' | 'deputy_head') =>
  identityEvent(
    'RoleGranted',
    { grantId: `grant-${personId}`, personId, role, scope: { kind: 'school', id: schoolId } },
    schoolId,
  );

/** School P with classes 7a and 7b (a pupil each), its calendar, policy and three teachers. */
export async function projectPlanningSchool(pool: Pool): Promise<void> {
  const streams: [string, NewEvent[]][] = [
    [
      SCHOOL,
      [
        schoolRegistered(SCHOOL),
        classOpened(SCHOOL, 'class-7a'),
        classOpened(SCHOOL, 'class-7b', 7, 'Б'),
        calendarSet(SCHOOL),
        policyPublished(SCHOOL, 1, '2026-09-01', 3),
      ],
    ],
    ['pupil-1', [pupilEnrolled(SCHOOL, 'class-7a', 'pupil-1', '2026-09-01')]],
    ['pupil-2', [pupilEnrolled(SCHOOL, 'class-7b', 'pupil-2', '2026-09-01')]],
    ['grants-ivanova', [staffGranted(SCHOOL, 't-ivanova', 'teacher')]],
    ['grants-petrov', [staffGranted(SCHOOL, 't-petrov', 'teacher')]],
    ['grants-sidorova', [staffGranted(SCHOOL, 't-sidorova', 'teacher')]],
    ['grants-deputy', [staffGranted(SCHOOL, 'deputy-p', 'deputy_head')]],
  ];
  for (const [streamId, events] of streams) {
    for (const [index, event] of events.entries()) {
      await projectIdentityEvent(pool, recorded(streamId, index + 1, event));
    }
  }
}

export { ASC_XML } from './asc-sample';
