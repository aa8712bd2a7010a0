import { addDays, isWithin, type IsoDate } from '@ejournal/decider';
import { coveredItems, type HeldLesson } from '../domain/journal-plan';
import type { CurriculumItem } from '../domain/planning.state';
import {
  schoolDays,
  weekdayOf,
  type DateRange,
  type PlanningCalendar,
} from '../domain/school-days';
import type { ThematicItem } from '../domain/thematic.decider';

/** The figures of programme completion (выполнение программы), of a journal or a sum of them. */
export interface CompletionFigures {
  /** Hours the curriculum plan gives up to the date (weekly hours over the school weeks). */
  hoursByCurriculum: number;
  /** Lessons the timetable planned up to the date (changes applied). */
  hoursByTimetable: number;
  hoursHeld: number;
  /** Items of the thematic plan due by the date: dated on or before it, else reached in order. */
  topicsPlanned: number;
  topicsCovered: number;
  /** Held lessons whose topic is a placeholder (`-`, `нет`, `без темы`). */
  lessonsWithoutTopic: number;
  /** Held lessons with no entry for any pupil: no attendance and no mark entered. */
  lessonsWithoutAttendance: number;
  /** Marks entered later than the school's correction window after the lesson. */
  lateMarks: number;
}

export const ZERO: CompletionFigures = {
  hoursByCurriculum: 0,
  hoursByTimetable: 0,
  hoursHeld: 0,
  topicsPlanned: 0,
  topicsCovered: 0,
  lessonsWithoutTopic: 0,
  lessonsWithoutAttendance: 0,
  lateMarks: 0,
};

export function add(a: CompletionFigures, b: CompletionFigures): CompletionFigures {
  const sum = { ...a };
  for (const key of Object.keys(ZERO) as (keyof CompletionFigures)[]) {
    sum[key] = Math.round((a[key] + b[key]) * 10) / 10;
  }
  return sum;
}

/** A lesson held with what completion counts of it. */
export interface HeldFacts extends HeldLesson {
  /** Whether any pupil's cell has an entry (a mark or an attendance status). */
  anyEntry: boolean;
  /** School-local dates the lesson's marks were entered on. */
  markDates: IsoDate[];
}

export interface JournalCompletionInput {
  calendar: PlanningCalendar;
  range: DateRange;
  curriculum: readonly CurriculumItem[];
  subjectId: string | null;
  /** ISO weekdays the class is taught on (from its timetable): weekly hours spread over them. */
  teachingDays: readonly number[];
  plannedDates: readonly IsoDate[];
  held: readonly HeldFacts[];
  items: readonly ThematicItem[];
  correctionWindowDays: number;
}

const PLACEHOLDERS = new Set(['-', '—', '–', '.', '?', 'нет', 'без темы', 'тема']);

/** One journal's completion over a range of the calendar. */
export function journalCompletion(input: JournalCompletionInput): CompletionFigures {
  const { range } = input;
  const held = input.held.filter((lesson) => isWithin(lesson.date, range));
  const timetable = input.plannedDates.filter((date) => isWithin(date, range)).length;
  return {
    hoursByCurriculum: curriculumHours(input),
    hoursByTimetable: timetable,
    hoursHeld: held.length,
    topicsPlanned: topicsDue(input.items, range.endsOn, timetable),
    topicsCovered: coveredItems(input.items, held).length,
    lessonsWithoutTopic: held.filter((l) => PLACEHOLDERS.has(l.topic.trim().toLowerCase())).length,
    lessonsWithoutAttendance: held.filter((lesson) => !lesson.anyEntry).length,
    lateMarks: held.reduce(
      (late, lesson) =>
        late +
        lesson.markDates.filter((d) => d > addDays(lesson.date, input.correctionWindowDays)).length,
      0,
    ),
  };
}

function curriculumHours(input: JournalCompletionInput): number {
  const items = input.curriculum.filter((item) => item.subjectId === input.subjectId);
  if (items.length === 0) return 0;
  let hours = 0;
  const days = new Set(input.teachingDays);
  for (const date of schoolDays(input.calendar, input.range)) {
    if (!days.has(weekdayOf(date))) continue;
    const period = input.calendar.periods.find((p) => isWithin(date, p))?.number ?? null;
    for (const item of items) {
      const weekly =
        item.byPeriod.find((p) => p.period === period)?.hoursPerWeek ?? item.hoursPerWeek;
      hours += weekly / days.size;
    }
  }
  return Math.round(hours * 10) / 10;
}

/** Dated items due by the date; undated ones as the planned lessons would reach them in order. */
function topicsDue(items: readonly ThematicItem[], upTo: IsoDate, plannedLessons: number): number {
  let hours = 0;
  let due = 0;
  for (const item of items) {
    hours += item.hours;
    const reached = item.plannedDate ? item.plannedDate <= upTo : hours <= plannedLessons;
    if (reached) due += 1;
  }
  return due;
}
