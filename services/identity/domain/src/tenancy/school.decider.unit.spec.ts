import { specify } from '@ejournal/decider/testing';
import { schoolDecider, type SchoolEvent } from './school.decider';
import type { AcademicCalendar } from './calendar-rules';
import type { PolicyDraft } from './policy-rules';

const { given } = specify(schoolDecider);
const school = {
  schoolId: 'school-17',
  regionId: 'region-91',
  municipalityId: 'mun-1',
  timeZone: 'Europe/Simferopol',
};
const registered: SchoolEvent = { type: 'SchoolRegistered', data: school };
const calendar: AcademicCalendar = {
  schoolId: 'school-17',
  academicYear: '2026/2027',
  startsOn: '2026-09-01',
  endsOn: '2027-05-31',
  periodKind: 'halves',
  periods: [
    { number: 1, startsOn: '2026-09-01', endsOn: '2026-12-27' },
    { number: 2, startsOn: '2027-01-09', endsOn: '2027-05-31' },
  ],
  holidays: [{ startsOn: '2026-12-28', endsOn: '2027-01-08', title: 'Зимние каникулы' }],
};
const policy: PolicyDraft = {
  effectiveFrom: '2026-09-01',
  correctionWindowDays: 3,
  afterWindowAuthorisedBy: ['deputy_head'],
  afterPeriodClosedAuthorisedBy: ['head'],
  orderRequired: true,
  markScales: ['five_point'],
  workTypeWeights: [{ workType: 'classwork', weight: 1 }],
  averaging: { method: 'weighted', decimals: 2, rounding: 'half_up' },
};
const reversedKeys = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).reverse()) as T;
const seventhA = { classId: 'class-1', academicYear: '2026/2027', grade: 7, letter: 'А' };

describe('a school not registered yet', () => {
  it('is registered in a known municipality', () =>
    given([]).when({ type: 'RegisterSchool', school, municipalityKnown: true }).then([registered]));
  it('is refused in an unknown municipality', () =>
    given([])
      .when({ type: 'RegisterSchool', school, municipalityKnown: false })
      .thenRefuses('IDENTITY.UNKNOWN_MUNICIPALITY'));
  it('has no classes', () =>
    given([]).when({ type: 'OpenClass', class: seventhA }).thenRefuses('IDENTITY.UNKNOWN_SCHOOL'));
});

describe('a registered school', () => {
  it('ignores a second registration (a retry)', () =>
    given([registered]).when({ type: 'RegisterSchool', school, municipalityKnown: true }).then([]));
  it('sets a calendar for a year', () =>
    given([registered])
      .when({ type: 'SetAcademicCalendar', calendar })
      .then([{ type: 'AcademicCalendarSet', data: calendar }]));
  it('refuses a calendar with three halves', () =>
    given([registered])
      .when({ type: 'SetAcademicCalendar', calendar: { ...calendar, periodKind: 'trimesters' } })
      .thenRefuses('IDENTITY.CALENDAR_INVALID'));
  it('publishes its first policy as version 1', () =>
    given([registered])
      .when({ type: 'PublishPolicy', policy })
      .then([
        {
          type: 'SchoolPolicyPublished',
          data: { ...policy, schoolId: 'school-17', policyVersion: 1 },
        },
      ]));
  it('opens a class', () =>
    given([registered])
      .when({ type: 'OpenClass', class: seventhA })
      .then([{ type: 'ClassOpened', data: { ...seventhA, schoolId: 'school-17' } }]));
});

describe('a school with a calendar, a policy and class 7А', () => {
  const history: SchoolEvent[] = [
    registered,
    { type: 'AcademicCalendarSet', data: calendar },
    { type: 'SchoolPolicyPublished', data: { ...policy, schoolId: 'school-17', policyVersion: 1 } },
    { type: 'ClassOpened', data: { ...seventhA, schoolId: 'school-17' } },
  ];
  it('changes nothing when the same calendar is set again, keys in another order', () =>
    given(history)
      .when({ type: 'SetAcademicCalendar', calendar: reversedKeys(calendar) })
      .then([]));
  it('changes nothing when the rules in force are published again', () =>
    given(history)
      .when({ type: 'PublishPolicy', policy: { ...policy } })
      .then([]));
  it('publishes changed rules as the next version', () =>
    given(history)
      .when({
        type: 'PublishPolicy',
        policy: { ...policy, effectiveFrom: '2027-01-09', correctionWindowDays: 5 },
      })
      .then([
        {
          type: 'SchoolPolicyPublished',
          data: {
            ...policy,
            effectiveFrom: '2027-01-09',
            correctionWindowDays: 5,
            schoolId: 'school-17',
            policyVersion: 2,
          },
        },
      ]));
  it('refuses rules taking effect before the rules in force', () =>
    given(history)
      .when({
        type: 'PublishPolicy',
        policy: { ...policy, effectiveFrom: '2026-08-01', correctionWindowDays: 5 },
      })
      .thenRefuses('IDENTITY.POLICY_BACKDATED'));
  it('changes nothing when 7А is opened again with its id', () =>
    given(history).when({ type: 'OpenClass', class: seventhA }).then([]));
  it('refuses a second 7А under another id', () =>
    given(history)
      .when({ type: 'OpenClass', class: { ...seventhA, classId: 'class-2' } })
      .thenRefuses('IDENTITY.CLASS_EXISTS'));
  it('opens 7А of the next year', () =>
    given(history)
      .when({
        type: 'OpenClass',
        class: { ...seventhA, classId: 'class-3', academicYear: '2027/2028' },
      })
      .then([
        {
          type: 'ClassOpened',
          data: {
            ...seventhA,
            classId: 'class-3',
            academicYear: '2027/2028',
            schoolId: 'school-17',
          },
        },
      ]));
});
