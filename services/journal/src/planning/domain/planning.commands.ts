import type {
  BellSchedule,
  CurriculumItem,
  TimetableChange,
  TimetableVersion,
} from './planning.state';
import type { PlanningCalendar } from './school-days';

/** A journal a command names, as its `JournalOpened` placed it. */
export interface JournalFact {
  journalId: string;
  schoolId: string;
  academicYear: string;
  groupId: string;
  subjectId: string | null;
}

/**
 * What a planning command needs from outside its stream, gathered by the handler from the
 * local projection of identity's facts and the journals' first events.
 */
export interface PlanningFacts {
  schoolId: string;
  academicYear: string;
  calendar: PlanningCalendar | null;
  /** The classes and groups the command names that identity places in this school and year. */
  groups: readonly string[];
  /** The journals the command names that exist (any school: the decider checks). */
  journals: Readonly<Record<string, JournalFact>>;
  /** The teachers the command names who hold a staff grant in this school. */
  staff: readonly string[];
}

type Cmd<T extends string, D> = { type: T; facts: PlanningFacts } & D;

export type PlanningCommand =
  | Cmd<'SetCurriculum', { groupId: string; items: CurriculumItem[] }>
  | Cmd<'SetBells', BellSchedule>
  | Cmd<'SetTimetable', TimetableVersion>
  | Cmd<'ChangeTimetable', TimetableChange>
  /** Many groups' versions at once (an import), all or nothing, in one append. */
  | Cmd<'ImportTimetable', { versions: TimetableVersion[]; bells: BellSchedule | null }>;
