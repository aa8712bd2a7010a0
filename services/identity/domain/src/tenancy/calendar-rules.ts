import type { AcademicCalendarSet } from '@ejournal/contracts';
import { addDays, isWithin } from '@ejournal/decider';
import { refuse } from '../identity.errors';

export type AcademicCalendar = AcademicCalendarSet['data'];

const PERIOD_COUNT = { quarters: 4, trimesters: 3, halves: 2 } as const;

/**
 * A calendar makes sense: the year starts in its first calendar year and ends in the next;
 * periods are numbered 1..n for their kind, in order, without overlap, inside the year;
 * holidays lie inside the year. Gaps between periods are allowed (the holidays).
 */
export function checkCalendar(calendar: AcademicCalendar): void {
  const { academicYear, startsOn, endsOn, periodKind, periods, holidays } = calendar;
  const invalid = (reason: string) =>
    refuse.unprocessable('IDENTITY.CALENDAR_INVALID', `Calendar ${academicYear}: ${reason}`);
  const [first, second] = academicYear.split('/');
  if (!startsOn.startsWith(`${first}-`) || !endsOn.startsWith(`${second}-`)) {
    throw invalid(`the year must start in ${first} and end in ${second}`);
  }
  if (periods.length !== PERIOD_COUNT[periodKind]) {
    throw invalid(`${periodKind} means ${PERIOD_COUNT[periodKind]} periods`);
  }
  let previousEnd = addDays(startsOn, -1);
  periods.forEach((period, index) => {
    if (period.number !== index + 1) throw invalid('periods must be numbered 1, 2, … in order');
    if (period.startsOn > period.endsOn)
      throw invalid(`period ${period.number} ends before it starts`);
    if (period.startsOn <= previousEnd)
      throw invalid(`period ${period.number} overlaps the one before`);
    if (!isWithin(period.startsOn, calendar) || !isWithin(period.endsOn, calendar)) {
      throw invalid(`period ${period.number} lies outside the year`);
    }
    previousEnd = period.endsOn;
  });
  if (periods[0]?.startsOn !== startsOn || previousEnd !== endsOn) {
    throw invalid('the first period starts and the last ends with the year');
  }
  for (const holiday of holidays) {
    if (
      holiday.startsOn > holiday.endsOn ||
      !isWithin(holiday.startsOn, calendar) ||
      !isWithin(holiday.endsOn, calendar)
    ) {
      throw invalid(`the holiday from ${holiday.startsOn} must lie inside the year`);
    }
  }
}
