/** Calendar dates are ISO `YYYY-MM-DD` strings, which compare correctly as strings. */
export type IsoDate = string;

export const isWithin = (date: IsoDate, range: { startsOn: IsoDate; endsOn: IsoDate }) =>
  range.startsOn <= date && date <= range.endsOn;

export function addDays(date: IsoDate, days: number): IsoDate {
  const instant = new Date(`${date}T00:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}

/** The calendar date of an instant in a time zone: "today" at a school. */
export function todayIn(timeZone: string, now: Date | string): IsoDate {
  return dayFormatIn(timeZone).format(new Date(now));
}

/** One formatter per time zone: making one costs far more than formatting with it. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** The date a person born on `birthDate` turns `years` old (29 Feb → 1 Mar). */
export function anniversary(birthDate: IsoDate, years: number): IsoDate {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year + years, month - 1, day));
  return date.toISOString().slice(0, 10);
}

/** The number of the calendar period (quarter, half) a date falls in; null in holidays. */
export function periodOf(
  calendar: { periods: readonly { number: number; startsOn: IsoDate; endsOn: IsoDate }[] },
  date: IsoDate,
): number | null {
  return calendar.periods.find((period) => isWithin(date, period))?.number ?? null;
}
