import type { PlanningFacts } from '../planning.commands';
import type { PlanningFact } from '../planning.decider';
import type { TemplateLesson, TimetableVersion } from '../planning.state';
import type { PlanningCalendar } from '../school-days';

export const YEAR = '2026/2027';

/** Two quarters; an autumn holiday week (Mon 2 Nov – Sun 8 Nov 2026). */
export const CALENDAR: PlanningCalendar = {
  academicYear: YEAR,
  startsOn: '2026-09-01',
  endsOn: '2027-05-31',
  periods: [
    { number: 1, startsOn: '2026-09-01', endsOn: '2026-12-27' },
    { number: 2, startsOn: '2027-01-09', endsOn: '2027-05-31' },
  ],
  holidays: [{ startsOn: '2026-11-02', endsOn: '2026-11-08' }],
};

const journal = (journalId: string, groupId: string, subjectId: string) => ({
  journalId,
  schoolId: 'school-1',
  academicYear: YEAR,
  groupId,
  subjectId,
});

export const FACTS: PlanningFacts = {
  schoolId: 'school-1',
  academicYear: YEAR,
  calendar: CALENDAR,
  groups: ['class-7a', 'class-7b'],
  journals: {
    'math-7a': journal('math-7a', 'class-7a', 'math'),
    'math-7b': journal('math-7b', 'class-7b', 'math'),
    'eng-7a': journal('eng-7a', 'class-7a', 'english'),
  },
  staff: ['t-ivanova', 't-petrov', 't-sidorova'],
};

export const lesson = (
  day: number,
  slot: number,
  journalId: string,
  teacherId: string,
  more: Partial<TemplateLesson> = {},
): TemplateLesson => ({ day, slot, journalId, teacherId, roomId: null, subgroup: null, ...more });

export const version = (
  groupId: string,
  effectiveFrom: string,
  lessons: TemplateLesson[],
): TimetableVersion => ({
  groupId,
  versionId: `${groupId}-${effectiveFrom}`,
  effectiveFrom,
  shift: 1,
  lessons,
});

export const versionSet = (v: TimetableVersion): PlanningFact => ({
  type: 'TimetableVersionSet',
  data: { academicYear: YEAR, ...v },
});
