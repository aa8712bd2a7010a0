import type {
  BellScheduleSet,
  CurriculumPlanSet,
  PlanningStreamEvent,
  TimetableChanged,
  TimetableVersionSet,
} from '@ejournal/contracts';
import { unreachable } from '@ejournal/decider';
import { omit } from './omit';

export type CurriculumItem = CurriculumPlanSet['data']['items'][number];
export type BellSchedule = Omit<BellScheduleSet['data'], 'academicYear'>;
export type TimetableVersion = Omit<TimetableVersionSet['data'], 'academicYear'>;
export type TemplateLesson = TimetableVersion['lessons'][number];
export type TimetableChange = Omit<TimetableChanged['data'], 'academicYear'>;

/**
 * One school's academic year planned (`planning-{schoolId}-{startYear}`): the curriculum per
 * class or group, the bells per shift, each group's timetable versions (by `effectiveFrom`)
 * and the one-off changes, indexed by every date they touch (a move touches two).
 */
export interface PlanningState {
  academicYear: string | null;
  curriculum: Record<string, CurriculumItem[]>;
  bells: Record<string, BellSchedule>;
  versions: Record<string, TimetableVersion[]>;
  changes: Record<string, TimetableChange>;
  changesByDate: Record<string, string[]>;
}

export const initialPlanningState: PlanningState = {
  academicYear: null,
  curriculum: {},
  bells: {},
  versions: {},
  changes: {},
  changesByDate: {},
};

/** Immutable: every event gives a new state sharing what it did not touch. */
export function evolvePlanning(state: PlanningState, event: PlanningStreamEvent): PlanningState {
  const academicYear = state.academicYear ?? event.data.academicYear;
  switch (event.type) {
    case 'CurriculumPlanSet': {
      const { groupId, items } = event.data;
      return { ...state, academicYear, curriculum: { ...state.curriculum, [groupId]: items } };
    }
    case 'BellScheduleSet': {
      const schedule = omit(event.data, 'academicYear');
      return { ...state, academicYear, bells: { ...state.bells, [schedule.shift]: schedule } };
    }
    case 'TimetableVersionSet': {
      const version = omit(event.data, 'academicYear');
      const others = (state.versions[version.groupId] ?? []).filter(
        (v) => v.effectiveFrom !== version.effectiveFrom,
      );
      const versions = [...others, version].sort((a, b) =>
        a.effectiveFrom.localeCompare(b.effectiveFrom),
      );
      return {
        ...state,
        academicYear,
        versions: { ...state.versions, [version.groupId]: versions },
      };
    }
    case 'TimetableChanged': {
      const change = omit(event.data, 'academicYear');
      const changesByDate = { ...state.changesByDate };
      for (const date of new Set([change.date, change.toDate ?? change.date])) {
        changesByDate[date] = [...(changesByDate[date] ?? []), change.changeId];
      }
      const changes = { ...state.changes, [change.changeId]: change };
      return { ...state, academicYear, changes, changesByDate };
    }
    default:
      return unreachable(event);
  }
}
