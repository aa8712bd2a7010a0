import type { IsoDate } from '@ejournal/decider';
import { lessonsOn, type PlannedLesson } from '../domain/planned-lessons';
import type { BellSchedule, PlanningState } from '../domain/planning.state';
import { versionOn } from '../domain/planned-lessons';
import { isSchoolDay, type PlanningCalendar } from '../domain/school-days';
import type { SchoolRead } from './planned-columns.query';

/** A lesson of a day with its bell times (school-local), as the timetable plans it. */
export interface DayLesson extends PlannedLesson {
  startsAt: string | null;
  endsAt: string | null;
}

/** The bells of a shift on a date: a shortened day's exception, else the shift's own. */
export function bellsOn(schedule: BellSchedule | undefined, date: IsoDate) {
  if (!schedule) return [];
  return schedule.exceptions.find((exception) => exception.date === date)?.slots ?? schedule.slots;
}

/** The day's lessons (none on a holiday), narrowed to some groups when asked. */
export function dayOf(
  state: PlanningState,
  calendar: PlanningCalendar | null,
  date: IsoDate,
  groups?: readonly string[],
): DayLesson[] {
  if (!calendar || !isSchoolDay(calendar, date)) return [];
  return lessonsOn(state, date, groups ?? Object.keys(state.versions)).map((lesson) => {
    const shift = versionOn(state.versions[lesson.groupId], date)?.shift ?? 1;
    const bell = bellsOn(state.bells[shift], date).find((b) => b.slot === lesson.slot);
    return { ...lesson, startsAt: bell?.startsAt ?? null, endsAt: bell?.endsAt ?? null };
  });
}

const KEPT_DAYS = 500;

/**
 * Schools' days as their timetables plan them, kept under the planning stream's version and
 * the facts' revision (the calendar) they were computed from: every teacher of a school asks
 * for the same day, and a change of either names another day.
 */
export class KeptDays {
  private readonly days = new Map<string, DayLesson[]>();

  of(schoolId: string, read: SchoolRead, date: IsoDate): readonly DayLesson[] {
    const key = `${schoolId}|${read.planning.version}|${read.factsRevision}|${date}`;
    const kept = this.days.get(key);
    if (kept) return kept;
    const day = dayOf(read.planning.state, read.calendar, date);
    if (this.days.size >= KEPT_DAYS) this.days.clear();
    this.days.set(key, day);
    return day;
  }
}
