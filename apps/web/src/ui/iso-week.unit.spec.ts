import { isoWeekOf, mondayOf, shiftWeek } from './iso-week';

describe('ISO weeks', () => {
  it('names the week of a date, across a year boundary', () => {
    expect(isoWeekOf(new Date('2026-09-10T12:00:00Z'))).toBe('2026-W37');
    expect(isoWeekOf(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeekOf(new Date('2024-12-30T12:00:00Z'))).toBe('2025-W01');
  });

  it('finds the Monday of a week and moves by weeks', () => {
    expect(mondayOf('2026-W37').toISOString().slice(0, 10)).toBe('2026-09-07');
    expect(shiftWeek('2026-W53', 1)).toBe('2027-W01');
    expect(shiftWeek('2027-W01', -1)).toBe('2026-W53');
  });
});
