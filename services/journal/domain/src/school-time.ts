import type { CalendarFacts, IsoDate } from './journal.facts';

/** ISO `YYYY-MM-DD` dates compare correctly as strings. */
export const isWithin = (date: IsoDate, range: { startsOn: IsoDate; endsOn: IsoDate }) =>
  range.startsOn <= date && date <= range.endsOn;

export function addDays(date: IsoDate, days: number): IsoDate {
  const instant = new Date(`${date}T00:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}

/** The calendar date of an instant in a time zone: "today" at the school. */
export function todayIn(timeZone: string, nowIso: string): IsoDate {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(nowIso));
}

/** The number of the calendar period (quarter, half) a date falls in; null in holidays. */
export function periodOf(calendar: CalendarFacts, date: IsoDate): number | null {
  return calendar.periods.find((period) => isWithin(date, period))?.number ?? null;
}
