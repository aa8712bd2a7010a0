/**
 * ISO 8601 weeks (Monday to Sunday, week 1 holds the year's first Thursday): `2026-W37`. Dates
 * are calendar dates of the school (`YYYY-MM-DD`), computed in UTC so no zone shifts a day.
 */
const DAY_MS = 86_400_000;
const WEEK = /^(\d{4})-W(\d{2})$/;

const utc = (date: string) => new Date(`${date}T00:00:00Z`);
// Four digits always: `new Date('66-01-04T00:00:00Z')` is an invalid date, not the year 66.
const january4 = (year: number) => utc(`${String(year).padStart(4, '0')}-01-04`);
const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

export function isoWeekOf(date: string): string {
  const day = utc(date);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(day.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = january4(year);
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * DAY_MS;
  const week = Math.floor((thursday.getTime() - firstMonday) / (7 * DAY_MS)) + 1;
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** The seven dates of an ISO week, Monday first; null when the week does not exist. */
export function datesOfWeek(week: string): string[] | null {
  const match = WEEK.exec(week);
  if (!match) return null;
  const [year, number] = [Number(match[1]), Number(match[2])];
  const jan4 = january4(year);
  const monday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS + (number - 1) * 7 * DAY_MS;
  const dates = Array.from({ length: 7 }, (_, index) => isoDate(monday + index * DAY_MS));
  return number >= 1 && isoWeekOf(dates[0] as string) === week ? dates : null;
}
