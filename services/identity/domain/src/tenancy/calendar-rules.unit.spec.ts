import { periodOf } from '@ejournal/decider';
import { checkCalendar, type AcademicCalendar } from './calendar-rules';

const [q1, q2, q3, q4] = [
  { number: 1, startsOn: '2026-09-01', endsOn: '2026-10-25' },
  { number: 2, startsOn: '2026-11-05', endsOn: '2026-12-28' },
  { number: 3, startsOn: '2027-01-09', endsOn: '2027-03-21' },
  { number: 4, startsOn: '2027-04-01', endsOn: '2027-05-31' },
];
const quarters: AcademicCalendar = {
  schoolId: 'school-17',
  academicYear: '2026/2027',
  startsOn: '2026-09-01',
  endsOn: '2027-05-31',
  periodKind: 'quarters',
  periods: [q1, q2, q3, q4],
  holidays: [{ startsOn: '2026-10-26', endsOn: '2026-11-04', title: 'Осенние каникулы' }],
};

describe('checkCalendar', () => {
  it('accepts four quarters with holidays between them', () => {
    expect(() => checkCalendar(quarters)).not.toThrow();
  });

  it.each<[string, Partial<AcademicCalendar>, string]>([
    [
      'a year starting in the wrong calendar year',
      { startsOn: '2027-09-01' },
      'must start in 2026',
    ],
    ['three quarters', { periods: quarters.periods.slice(0, 3) }, 'quarters means 4 periods'],
    [
      'overlapping periods',
      {
        periods: [q1, { ...q2, startsOn: '2026-10-20' }, q3, q4],
      },
      'overlaps',
    ],
    [
      'periods out of order',
      {
        periods: [q2, q1, q3, q4],
      },
      'numbered',
    ],
    [
      'a last period ending before the year',
      {
        periods: [...quarters.periods.slice(0, 3), { ...q4, endsOn: '2027-05-20' }],
      },
      'the last ends with the year',
    ],
    [
      'a holiday after the year',
      { holidays: [{ startsOn: '2027-06-01', endsOn: '2027-08-31', title: 'Лето' }] },
      'inside the year',
    ],
  ])('refuses %s', (_case, change, message) => {
    expect(() => checkCalendar({ ...quarters, ...change })).toThrow(
      expect.objectContaining({
        code: 'IDENTITY.CALENDAR_INVALID',
        message: expect.stringContaining(message),
      }),
    );
  });
});

describe('periodOf', () => {
  it('finds the period of a date, and none in the holidays', () => {
    expect(periodOf(quarters, '2026-11-05')).toBe(2);
    expect(periodOf(quarters, '2026-10-30')).toBeNull();
  });
});
