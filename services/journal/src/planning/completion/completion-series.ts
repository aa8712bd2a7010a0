import { isWithin, type IsoDate } from '@ejournal/decider';
import { schoolDays, type DateRange } from '../domain/school-days';
import type { CompletionFigures, JournalCompletionFacts } from './completion';
import {
  curriculumUnitsOn,
  daysBetween,
  firstCovered,
  hoursOfUnits,
  isPlaceholder,
  topicDueDates,
} from './completion-rules';

/** The day-by-day counters of completion: one slot per calendar day of the year. */
export const COUNTERS = [
  /** Curriculum hours, in 1/840 of an hour (completion-rules). */
  'curriculum',
  'planned',
  'held',
  'withoutTopic',
  'withoutAttendance',
  'topicsDue',
  'topicsCovered',
] as const;
export type Counter = (typeof COUNTERS)[number];

/**
 * A journal's completion kept day by day over its school year (or the sum of several journals
 * of one calendar), so that any range of it is a sum of slots: `origin` is the calendar's first
 * day, slot i the day i days later. `late` counts marks by lesson day and delay in days
 * (`"day:delay"`, delays over 0 only), so the correction window is applied when read.
 */
export interface CompletionSeries extends Record<Counter, number[]> {
  origin: IsoDate;
  length: number;
  late: Record<string, number>;
}

export function emptySeries(origin: IsoDate, endsOn: IsoDate): CompletionSeries {
  const length = Math.max(0, daysBetween(origin, endsOn) + 1);
  const series = { origin, length, late: {} } as CompletionSeries;
  for (const counter of COUNTERS) series[counter] = new Array<number>(length).fill(0);
  return series;
}

/** A series of zeros over the same days as `like`. */
export function zeroLike(like: CompletionSeries): CompletionSeries {
  const series = { origin: like.origin, length: like.length, late: {} } as CompletionSeries;
  for (const counter of COUNTERS) series[counter] = new Array<number>(like.length).fill(0);
  return series;
}

/** A journal's series from its facts: what journalCompletion computes, kept for every day. */
export function journalSeries(facts: JournalCompletionFacts): CompletionSeries {
  const { calendar } = facts;
  const series = emptySeries(calendar.startsOn, calendar.endsOn);
  const slot = (date: IsoDate | null) => {
    if (date === null || !isWithin(date, calendar)) return -1;
    return daysBetween(calendar.startsOn, date);
  };
  const count = (counter: Counter, date: IsoDate | null, by = 1) => {
    const i = slot(date);
    if (i >= 0) series[counter][i] = (series[counter][i] ?? 0) + by;
  };
  for (const date of schoolDays(calendar, calendar)) {
    const { curriculum, subjectId, teachingDays } = facts;
    count(
      'curriculum',
      date,
      curriculumUnitsOn(calendar, curriculum, subjectId, teachingDays, date),
    );
  }
  for (const date of facts.plannedDates) count('planned', date);
  for (const due of topicDueDates(facts.items, calendar, facts.plannedDates)) {
    count('topicsDue', due);
  }
  const held = facts.held.filter((lesson) => isWithin(lesson.date, calendar));
  for (const item of facts.items) count('topicsCovered', firstCovered(item, held));
  for (const lesson of held) {
    count('held', lesson.date);
    if (isPlaceholder(lesson.topic)) count('withoutTopic', lesson.date);
    if (!lesson.anyEntry) count('withoutAttendance', lesson.date);
    for (const entered of lesson.markDates) {
      const delay = daysBetween(lesson.date, entered);
      if (delay <= 0) continue;
      const key = `${slot(lesson.date)}:${delay}`;
      series.late[key] = (series.late[key] ?? 0) + 1;
    }
  }
  return series;
}

/** Adds `more` into `sum` (both of one calendar: same origin and length). */
export function addInto(sum: CompletionSeries, more: CompletionSeries): CompletionSeries {
  if (sum.origin !== more.origin || sum.length !== more.length) {
    throw new Error(
      `series of other calendars: ${sum.origin}+${sum.length}, ${more.origin}+${more.length}`,
    );
  }
  for (const counter of COUNTERS) {
    const into = sum[counter];
    more[counter].forEach((value, i) => (into[i] = (into[i] ?? 0) + value));
  }
  for (const [key, value] of Object.entries(more.late))
    sum.late[key] = (sum.late[key] ?? 0) + value;
  return sum;
}

/** The figures of a range of the year, late marks past the school's correction window. */
export function figuresOf(
  series: CompletionSeries,
  range: DateRange,
  correctionWindowDays: number,
): CompletionFigures {
  const from = Math.max(0, daysBetween(series.origin, range.startsOn));
  const to = Math.min(series.length - 1, daysBetween(series.origin, range.endsOn));
  const total = (counter: Counter) => {
    let sum = 0;
    const values = series[counter];
    for (let i = from; i <= to; i += 1) sum += values[i] ?? 0;
    return sum;
  };
  let lateMarks = 0;
  for (const [key, count] of Object.entries(series.late)) {
    const [day, delay] = key.split(':').map(Number) as [number, number];
    if (day >= from && day <= to && delay > correctionWindowDays) lateMarks += count;
  }
  return {
    hoursByCurriculum: hoursOfUnits(total('curriculum')),
    hoursByTimetable: total('planned'),
    hoursHeld: total('held'),
    topicsPlanned: total('topicsDue'),
    topicsCovered: total('topicsCovered'),
    lessonsWithoutTopic: total('withoutTopic'),
    lessonsWithoutAttendance: total('withoutAttendance'),
    lateMarks,
  };
}
