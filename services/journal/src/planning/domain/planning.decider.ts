import type { PlanningStreamEvent } from '@ejournal/contracts';
import { defineDecider, isWithin, unreachable, type Fact } from '@ejournal/decider';
import { checkChange } from './decide-changes';
import { omit } from './omit';
import { assertVersionPlace, lessonFaults, timetableConflicts } from './decide-timetable';
import type { PlanningCommand, PlanningFacts } from './planning.commands';
import { refusePlanning, type PlanningEntry } from './planning.errors';
import {
  evolvePlanning,
  initialPlanningState,
  type BellSchedule,
  type CurriculumItem,
  type PlanningState,
  type TimetableVersion,
} from './planning.state';

export type PlanningFact = Fact<PlanningStreamEvent>;

/**
 * One school's academic year planned: curriculum, bells, timetable versions and one-off
 * changes. Pure: the facts (calendar, groups, journals, staff) arrive with the command.
 */
export const planningDecider = defineDecider<PlanningCommand, PlanningFact, PlanningState>({
  initialState: initialPlanningState,
  evolve: (state, event) => evolvePlanning(state, event as PlanningStreamEvent),
  decide: (command, state) => {
    const { facts } = command;
    const academicYear = facts.academicYear;
    switch (command.type) {
      case 'SetCurriculum': {
        const { groupId, items } = command;
        assertGroup(groupId, facts);
        const faults = curriculumFaults(items, facts);
        if (faults.length > 0) throw refusePlanning.plan(faults);
        return [{ type: 'CurriculumPlanSet', data: { academicYear, groupId, items } }];
      }
      case 'SetBells': {
        const schedule = omit(command, 'type', 'facts');
        const faults = bellFaults(schedule, facts);
        if (faults.length > 0) throw refusePlanning.bells(faults);
        return [{ type: 'BellScheduleSet', data: { academicYear, ...schedule } }];
      }
      case 'SetTimetable': {
        const version = omit(command, 'type', 'facts');
        assertVersionPlace(version, facts);
        const faults = [
          ...lessonFaults(state, version, facts),
          ...timetableConflicts(state, version),
        ];
        if (faults.length > 0) throw refusePlanning.conflicts(faults);
        return [{ type: 'TimetableVersionSet', data: { academicYear, ...version } }];
      }
      case 'ImportTimetable':
        return decideImport(state, command.versions, command.bells, facts);
      case 'ChangeTimetable': {
        const change = omit(command, 'type', 'facts');
        checkChange(state, change, facts);
        return [{ type: 'TimetableChanged', data: { academicYear, ...change } }];
      }
      default:
        return unreachable(command);
    }
  },
});

/**
 * Bells first (their slots are what lessons are checked against), then each version against
 * the state with the versions before it: every fault of every group is listed, tagged with it.
 */
export function decideImport(
  state: PlanningState,
  versions: readonly TimetableVersion[],
  bells: BellSchedule | null,
  facts: PlanningFacts,
): PlanningFact[] {
  const academicYear = facts.academicYear;
  const events: PlanningFact[] = [];
  const faults: PlanningEntry[] = [];
  let next = state;
  if (bells) {
    const bellEvent: PlanningFact = { type: 'BellScheduleSet', data: { academicYear, ...bells } };
    faults.push(...bellFaults(bells, facts));
    events.push(bellEvent);
    next = evolvePlanning(next, bellEvent as PlanningStreamEvent);
  }
  for (const version of versions) {
    assertVersionPlace(version, facts);
    const found = [...lessonFaults(next, version, facts), ...timetableConflicts(next, version)];
    faults.push(...found.map((fault) => ({ ...fault, groupId: version.groupId })));
    const event: PlanningFact = { type: 'TimetableVersionSet', data: { academicYear, ...version } };
    events.push(event);
    next = evolvePlanning(next, event as PlanningStreamEvent);
  }
  if (faults.length > 0) throw refusePlanning.conflicts(faults);
  return events;
}

function assertGroup(groupId: string, facts: PlanningFacts): void {
  if (!facts.groups.includes(groupId)) {
    throw refusePlanning.unprocessable(
      'PLANNING.UNKNOWN_GROUP',
      `No class or group ${groupId} in this school and year`,
    );
  }
}

function curriculumFaults(items: readonly CurriculumItem[], facts: PlanningFacts): PlanningEntry[] {
  const faults: PlanningEntry[] = [];
  const seen = new Set<string>();
  const periods = facts.calendar?.periods.map((period) => period.number) ?? null;
  for (const item of items) {
    const key = `${item.subjectId}|${item.kind}`;
    if (seen.has(key)) {
      const detail = `${item.subjectId} (${item.kind}) is planned twice`;
      faults.push({ code: 'PLANNING.DUPLICATE_SUBJECT', detail, subjectId: item.subjectId });
    }
    seen.add(key);
    for (const { period } of item.byPeriod) {
      if (periods && !periods.includes(period)) {
        const detail = `The year has no period ${period}`;
        faults.push({ code: 'PLANNING.UNKNOWN_PERIOD', detail, subjectId: item.subjectId, period });
      }
    }
  }
  return faults;
}

function bellFaults(schedule: BellSchedule, facts: PlanningFacts): PlanningEntry[] {
  const faults = slotFaults(schedule.slots, null);
  for (const exception of schedule.exceptions) {
    faults.push(...slotFaults(exception.slots, exception.date));
    if (facts.calendar && !isWithin(exception.date, facts.calendar)) {
      const detail = `${exception.date} is outside the academic year`;
      faults.push({ code: 'PLANNING.DATE_OUTSIDE_YEAR', detail, date: exception.date });
    }
  }
  return faults;
}

function slotFaults(slots: BellSchedule['slots'], date: string | null): PlanningEntry[] {
  const faults: PlanningEntry[] = [];
  const sorted = [...slots].sort((a, b) => a.slot - b.slot);
  sorted.forEach((bell, index) => {
    const where = { slot: bell.slot, ...(date ? { date } : {}) };
    if (bell.endsAt <= bell.startsAt) {
      const detail = `Lesson ${bell.slot} ends before it starts`;
      faults.push({ code: 'PLANNING.SLOT_ENDS_BEFORE_START', detail, ...where });
    }
    const previous = sorted[index - 1];
    if (previous?.slot === bell.slot) {
      faults.push({
        code: 'PLANNING.DUPLICATE_SLOT',
        detail: `Lesson ${bell.slot} twice`,
        ...where,
      });
    } else if (previous && previous.endsAt > bell.startsAt) {
      const detail = `Lesson ${bell.slot} starts before lesson ${previous.slot} ends`;
      faults.push({ code: 'PLANNING.SLOTS_OVERLAP', detail, ...where });
    }
  });
  return faults;
}
