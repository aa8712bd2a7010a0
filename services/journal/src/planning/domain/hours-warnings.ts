import type { JournalFact } from './planning.commands';
import type { CurriculumItem, TimetableVersion } from './planning.state';

/** Not a refusal: where a version's weekly hours differ from the curriculum plan. */
export interface HoursWarning {
  code: 'PLANNING.HOURS_DIFFER_FROM_CURRICULUM';
  /** The class or group whose version it is (set where several are answered at once). */
  groupId?: string;
  subjectId: string;
  curriculumHours: number;
  timetableHours: number;
}

/**
 * Weekly hours of each subject in a version (a lesson of the whole class is an hour; lessons of
 * subgroups count once per slot taught to every subgroup: the most any subgroup gets), against
 * the curriculum plan of the group. Nothing when the group has no curriculum plan.
 */
export function hoursWarnings(
  version: TimetableVersion,
  curriculum: readonly CurriculumItem[] | undefined,
  journals: Readonly<Record<string, JournalFact>>,
): HoursWarning[] {
  if (!curriculum) return [];
  const planned = new Map<string, number>();
  for (const item of curriculum) {
    planned.set(item.subjectId, (planned.get(item.subjectId) ?? 0) + item.hoursPerWeek);
  }
  const scheduled = weeklyHours(version, journals);
  const subjects = [...new Set([...planned.keys(), ...scheduled.keys()])].sort();
  return subjects
    .map((subjectId) => ({
      code: 'PLANNING.HOURS_DIFFER_FROM_CURRICULUM' as const,
      subjectId,
      curriculumHours: planned.get(subjectId) ?? 0,
      timetableHours: scheduled.get(subjectId) ?? 0,
    }))
    .filter((warning) => warning.curriculumHours !== warning.timetableHours);
}

/** Hours a week per subject of a version (journals without a subject are left out). */
export function weeklyHours(
  version: TimetableVersion,
  journals: Readonly<Record<string, JournalFact>>,
): Map<string, number> {
  const whole = new Map<string, number>();
  const bySubgroup = new Map<string, Map<number, number>>();
  for (const lesson of version.lessons) {
    const subjectId = journals[lesson.journalId]?.subjectId;
    if (!subjectId) continue;
    if (lesson.subgroup === null) {
      whole.set(subjectId, (whole.get(subjectId) ?? 0) + 1);
      continue;
    }
    const counts = bySubgroup.get(subjectId) ?? new Map<number, number>();
    counts.set(lesson.subgroup, (counts.get(lesson.subgroup) ?? 0) + 1);
    bySubgroup.set(subjectId, counts);
  }
  const hours = new Map(whole);
  for (const [subjectId, counts] of bySubgroup) {
    hours.set(subjectId, (hours.get(subjectId) ?? 0) + Math.max(...counts.values()));
  }
  return hours;
}
