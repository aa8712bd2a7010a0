import { isWithin, type IsoDate } from '@ejournal/decider';
import type { HeldLesson } from '../domain/journal-plan';
import type { CurriculumItem } from '../domain/planning.state';
import { schoolDays, type DateRange, type PlanningCalendar } from '../domain/school-days';
import type { ThematicItem } from '../domain/thematic.decider';
import {
  curriculumUnitsOn,
  daysBetween,
  firstCovered,
  hoursOfUnits,
  isPlaceholder,
  topicDueDates,
} from './completion-rules';

/** The figures of programme completion (выполнение программы), of a journal or a sum of them. */
export interface CompletionFigures {
  /** Hours the curriculum plan gives up to the date (weekly hours over the school weeks). */
  hoursByCurriculum: number;
  /** Lessons the timetable planned up to the date (changes applied). */
  hoursByTimetable: number;
  hoursHeld: number;
  /** Items of the thematic plan due within the range (dated, else reached by planned lessons). */
  topicsPlanned: number;
  /** Items first covered by a lesson held within the range. */
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

/** A lesson held with what completion counts of it. */
export interface HeldFacts extends HeldLesson {
  /** Whether any pupil's cell has an entry (a mark or an attendance status). */
  anyEntry: boolean;
  /** School-local dates the lesson's marks were entered on. */
  markDates: IsoDate[];
}

/** What a journal's completion is computed from, whatever the range asked. */
export interface JournalCompletionFacts {
  calendar: PlanningCalendar;
  curriculum: readonly CurriculumItem[];
  subjectId: string | null;
  /** ISO weekdays the class is taught on a date (its timetable version in force then). */
  teachingDays: (date: IsoDate) => readonly number[];
  /** Every date the timetable plans one of the journal's lessons over the year, in order. */
  plannedDates: readonly IsoDate[];
  held: readonly HeldFacts[];
  items: readonly ThematicItem[];
}

export interface JournalCompletionInput extends JournalCompletionFacts {
  range: DateRange;
  correctionWindowDays: number;
}

/**
 * One journal's completion over a range of the calendar, computed on the spot from its facts:
 * the definition the kept series (completion-series) must answer alike for every range.
 */
export function journalCompletion(input: JournalCompletionInput): CompletionFigures {
  const { range, calendar } = input;
  const inRange = (date: IsoDate | null) => date !== null && isWithin(date, range);
  const yearly = input.held.filter((lesson) => isWithin(lesson.date, calendar));
  const held = yearly.filter((lesson) => inRange(lesson.date));
  let units = 0;
  for (const date of schoolDays(calendar, range)) {
    units += curriculumUnitsOn(
      calendar,
      input.curriculum,
      input.subjectId,
      input.teachingDays,
      date,
    );
  }
  return {
    hoursByCurriculum: hoursOfUnits(units),
    hoursByTimetable: input.plannedDates.filter(inRange).length,
    hoursHeld: held.length,
    topicsPlanned: topicDueDates(input.items, calendar, input.plannedDates).filter(inRange).length,
    topicsCovered: input.items.filter((item) => inRange(firstCovered(item, yearly))).length,
    lessonsWithoutTopic: held.filter((lesson) => isPlaceholder(lesson.topic)).length,
    lessonsWithoutAttendance: held.filter((lesson) => !lesson.anyEntry).length,
    lateMarks: held.reduce(
      (late, lesson) =>
        late +
        lesson.markDates.filter((d) => daysBetween(lesson.date, d) > input.correctionWindowDays)
          .length,
      0,
    ),
  };
}
