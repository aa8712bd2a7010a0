import { addDays, isWithin, type IsoDate } from '@ejournal/decider';

export interface DateRange {
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** A school's calendar as planning reads it: periods and holidays (identity's calendar). */
export interface PlanningCalendar extends DateRange {
  academicYear: string;
  periods: readonly (DateRange & { number: number })[];
  holidays: readonly DateRange[];
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export function weekdayOf(date: IsoDate): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** A day lessons may be given on: inside a period of the year and outside every holiday. */
export function isSchoolDay(calendar: PlanningCalendar, date: IsoDate): boolean {
  return (
    calendar.periods.some((period) => isWithin(date, period)) &&
    !calendar.holidays.some((holiday) => isWithin(date, holiday))
  );
}

/** The school days of a range, in order. */
export function schoolDays(calendar: PlanningCalendar, range: DateRange): IsoDate[] {
  const days: IsoDate[] = [];
  const from = range.startsOn > calendar.startsOn ? range.startsOn : calendar.startsOn;
  const to = range.endsOn < calendar.endsOn ? range.endsOn : calendar.endsOn;
  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (isSchoolDay(calendar, date)) days.push(date);
  }
  return days;
}
