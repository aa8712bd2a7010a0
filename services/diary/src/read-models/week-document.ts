import { versionKey } from '@ejournal/messaging';
import type { HomeworkDue, PlannedEntry } from '../planning/planned-lessons';

export interface LessonEntry {
  lessonId: string;
  journalId: string;
  activityKind: string;
  subjectId: string | null;
  slot: number;
  topic: string;
  edited: boolean;
  homework: { text: string; dueDate: string } | null;
  marks: { markId: string; value: string; workType: string; weight: number; corrected: boolean }[];
  attendance: { status: string; corrected: boolean } | null;
}

/**
 * A day of the week: the lessons held, the lessons the timetable plans that were not held in
 * their slot (every day of the week; a read shows those of today and later), and the homework
 * due that day from earlier lessons.
 */
export interface WeekDay {
  date: string;
  lessons: LessonEntry[];
  planned: PlannedEntry[];
  homeworkDue: HomeworkDue[];
}

/** The planned part of a week: per date, and the planning streams it was built from. */
export interface PlannedDays {
  days: { date: string; planned: PlannedEntry[]; homeworkDue: HomeworkDue[] }[];
  streams: Record<string, number>;
}

/** A pupil's diary week: per day, the lessons of every activity kind, in slot order. */
export interface WeekDocument {
  _id: string;
  pupilId: string;
  week: string;
  days: WeekDay[];
  /** The last applied version of each journal (and planning) stream the week shows. */
  versions: Record<string, number>;
  /** Streams waiting for a rebuild, with the reason: the week may be out of date. */
  quarantine: Record<string, string>;
}

export interface LessonRowOfWeek extends Omit<LessonEntry, 'marks' | 'attendance'> {
  date: string;
  streamVersion: number;
  quarantined: string | null;
}

export interface WeekSources {
  lessons: LessonRowOfWeek[];
  marks: (LessonEntry['marks'][number] & { lessonId: string })[];
  attendance: (NonNullable<LessonEntry['attendance']> & { lessonId: string })[];
}

/** The week as the tables hold it (voided lessons and revoked marks were left out by the query). */
export function buildWeek(
  pupilId: string,
  week: string,
  dates: string[],
  sources: WeekSources,
  planning: PlannedDays = { days: [], streams: {} },
): WeekDocument {
  const versions: Record<string, number> = {};
  const quarantine: Record<string, string> = {};
  for (const [streamId, version] of Object.entries(planning.streams)) {
    versions[versionKey(streamId)] = version;
  }
  const days: WeekDay[] = dates.map((date) => {
    const plannedDay = planning.days.find((day) => day.date === date);
    return {
      date,
      lessons: [],
      planned: plannedDay?.planned ?? [],
      homeworkDue: plannedDay?.homeworkDue ?? [],
    };
  });
  const sorted = [...sources.lessons].sort(
    (a, b) => a.slot - b.slot || a.lessonId.localeCompare(b.lessonId),
  );
  for (const { date, streamVersion, quarantined, ...lesson } of sorted) {
    const key = versionKey(`journal-${lesson.journalId}`);
    versions[key] = streamVersion;
    if (quarantined) quarantine[key] = quarantined;
    const marks = sources.marks
      .filter((mark) => mark.lessonId === lesson.lessonId)
      .map(({ lessonId: _lesson, ...mark }) => mark);
    const found = sources.attendance.find((entry) => entry.lessonId === lesson.lessonId);
    const attendance = found ? { status: found.status, corrected: found.corrected } : null;
    days.find((day) => day.date === date)?.lessons.push({ ...lesson, marks, attendance });
  }
  return { _id: `${pupilId}|${week}`, pupilId, week, days, versions, quarantine };
}
