import { isWithin, type IsoDate } from '@ejournal/decider';
import type { HeldLesson } from '../domain/journal-plan';
import type { CurriculumItem } from '../domain/planning.state';
import { weekdayOf, type PlanningCalendar } from '../domain/school-days';
import type { ThematicItem } from '../domain/thematic.decider';

/**
 * Curriculum hours are counted in 1/840 of an hour: weekly hours (halves) spread over 1 to 7
 * teaching days always give a whole number of them, so sums are exact in any order and a
 * figure is rounded once, where it is shown.
 */
export const UNITS_PER_HOUR = 840;

export const hoursOfUnits = (units: number) => Math.round(units / (UNITS_PER_HOUR / 10)) / 10;

const DAY_MS = 86_400_000;
const epochDay = (date: IsoDate) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** Whole days from one date to another (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate) => epochDay(to) - epochDay(from);

const PLACEHOLDERS = new Set(['-', '—', '–', '.', '?', 'нет', 'без темы', 'тема']);

/** A held lesson's topic that names nothing (`-`, `нет`, `без темы`…). */
export const isPlaceholder = (topic: string) => PLACEHOLDERS.has(topic.trim().toLowerCase());

/** The curriculum's hours of the subject on one school day, in units, for the class's days. */
export function curriculumUnitsOn(
  calendar: PlanningCalendar,
  curriculum: readonly CurriculumItem[],
  subjectId: string | null,
  teachingDays: (date: IsoDate) => readonly number[],
  date: IsoDate,
): number {
  const days = new Set(teachingDays(date));
  if (!days.has(weekdayOf(date))) return 0;
  const period = calendar.periods.find((p) => isWithin(date, p))?.number ?? null;
  let units = 0;
  for (const item of curriculum) {
    if (item.subjectId !== subjectId) continue;
    const weekly =
      item.byPeriod.find((p) => p.period === period)?.hoursPerWeek ?? item.hoursPerWeek;
    units += (weekly * 2 * (UNITS_PER_HOUR / 2)) / days.size;
  }
  return units;
}

/**
 * The date each item of the plan falls due: its planned date (the year's first day if earlier,
 * none if after the year), else the date of the planned lesson that reaches its hours counted
 * from the plan's start (none while the timetable does not reach it).
 */
export function topicDueDates(
  items: readonly ThematicItem[],
  calendar: PlanningCalendar,
  plannedDates: readonly IsoDate[],
): (IsoDate | null)[] {
  let hours = 0;
  return items.map((item) => {
    hours += item.hours;
    if (item.plannedDate) {
      if (item.plannedDate > calendar.endsOn) return null;
      return item.plannedDate < calendar.startsOn ? calendar.startsOn : item.plannedDate;
    }
    return plannedDates[hours - 1] ?? null;
  });
}

const normalised = (topic: string) => topic.trim().toLocaleLowerCase('ru').replace(/\s+/g, ' ');

/** The first date a held lesson's topic covers the item (same wording, case and spaces aside). */
export function firstCovered(item: ThematicItem, held: readonly HeldLesson[]): IsoDate | null {
  const topic = normalised(item.topic);
  let first: IsoDate | null = null;
  for (const lesson of held) {
    if (normalised(lesson.topic) === topic && (first === null || lesson.date < first)) {
      first = lesson.date;
    }
  }
  return first;
}
