import { refusalsOf, type RefusalCode, type RefusedEntry } from '@ejournal/decider';

export type PlanningCode = RefusalCode<'PLANNING'>;

/** One conflict or fault of a timetable, bells or plan refused as a whole. */
export type PlanningEntry = RefusedEntry<'PLANNING'> & Record<string, unknown>;

export const TIMETABLE_CONFLICTS = 'PLANNING.TIMETABLE_CONFLICTS';
export const INVALID_BELLS = 'PLANNING.INVALID_BELLS';
export const INVALID_PLAN = 'PLANNING.INVALID_PLAN';

const refusals = refusalsOf('PLANNING');

/** The planning domain's refusals, with stable codes like `PLANNING.TEACHER_BUSY`. */
export const refusePlanning = {
  ...refusals,
  conflicts: (entries: PlanningEntry[]) =>
    refusals.entries(
      TIMETABLE_CONFLICTS,
      `${entries.length} conflicts in the timetable; nothing was recorded`,
      entries,
    ),
  bells: (entries: PlanningEntry[]) =>
    refusals.entries(INVALID_BELLS, `${entries.length} faults in the bells`, entries),
  plan: (entries: PlanningEntry[]) =>
    refusals.entries(INVALID_PLAN, `${entries.length} faults in the plan`, entries),
};

/** The HTTP status of each planning code (problem details). */
export const PLANNING_STATUS: Record<string, number> = {
  'PLANNING.FORBIDDEN': 403,
  'PLANNING.JOURNAL_NOT_FOUND': 404,
  'PLANNING.NO_LESSON_PLANNED': 404,
  'PLANNING.CHANGE_EXISTS': 409,
  'PLANNING.NO_CALENDAR': 412,
  'PLANNING.UNKNOWN_SCHOOL': 412,
  'PLANNING.UNKNOWN_GROUP': 422,
  'PLANNING.DATE_OUTSIDE_YEAR': 422,
  'PLANNING.NOT_A_SCHOOL_DAY': 422,
  'PLANNING.INVALID_CHANGE': 422,
  'PLANNING.COPY_OF_ANOTHER_SUBJECT': 422,
  'PLANNING.IMPORT_REFUSED': 422,
  'PLANNING.IDEMPOTENCY_KEY_REUSED': 422,
  'PLANNING.CONCURRENT_CHANGE': 409,
  [TIMETABLE_CONFLICTS]: 422,
  [INVALID_BELLS]: 422,
  [INVALID_PLAN]: 422,
};
