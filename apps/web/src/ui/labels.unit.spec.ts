import { lazyFormat, shortDate } from './labels';

describe('dates as the grid and the diary write them', () => {
  it('writes a lesson date as ru-RU writes day and month, without Intl', () => {
    const intl = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit' });
    for (const date of ['2026-10-05', '2026-12-31', '2027-01-01', '2027-05-25'])
      expect(shortDate(date)).toBe(intl.format(new Date(`${date}T12:00:00Z`)));
  });

  it('makes an Intl format on first use and formats as it would', () => {
    const weekday = lazyFormat({ weekday: 'long', timeZone: 'UTC' });
    expect(weekday(new Date('2026-10-05T12:00:00Z'))).toBe('понедельник');
  });
});
