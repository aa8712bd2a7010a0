import { datesOfWeek, isoWeekOf } from './iso-week';

describe('ISO weeks', () => {
  it('names the week of a date, across year ends', () => {
    expect(isoWeekOf('2026-09-07')).toBe('2026-W37');
    expect(isoWeekOf('2026-09-13')).toBe('2026-W37');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });

  it('lists a week Monday to Sunday and refuses one that does not exist', () => {
    expect(datesOfWeek('2026-W37')).toEqual([
      '2026-09-07',
      '2026-09-08',
      '2026-09-09',
      '2026-09-10',
      '2026-09-11',
      '2026-09-12',
      '2026-09-13',
    ]);
    expect(datesOfWeek('2026-W53')?.[4]).toBe('2027-01-01');
    expect(datesOfWeek('2025-W53')).toBeNull();
    expect(datesOfWeek('2026-W00')).toBeNull();
    expect(datesOfWeek('2026-37')).toBeNull();
  });

  it('handles years before 1000 (a fuzzed `0066-W71` was a 500)', () => {
    expect(datesOfWeek('0066-W71')).toBeNull();
    expect(datesOfWeek('0066-W10')?.[0]).toBe('0066-03-08');
    expect(isoWeekOf('0066-03-08')).toBe('0066-W10');
  });
});
