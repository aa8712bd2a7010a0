/** The ISO 8601 week of a date: `2026-W37` (weeks start on Monday; week 1 holds a Thursday). */
export function isoWeekOf(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week. */
export function mondayOf(week: string): Date {
  const [year, number] = week.split('-W').map(Number) as [number, number];
  const fourth = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(fourth);
  monday.setUTCDate(fourth.getUTCDate() - ((fourth.getUTCDay() || 7) - 1) + (number - 1) * 7);
  return monday;
}

export const shiftWeek = (week: string, weeks: number) =>
  isoWeekOf(new Date(mondayOf(week).getTime() + weeks * 7 * 86_400_000));
