import { isWithin, type IsoDate } from '@ejournal/decider';
import type { PlanningFacts } from './planning.commands';
import { refusePlanning, type PlanningEntry } from './planning.errors';
import type { PlanningState, TemplateLesson, TimetableVersion } from './planning.state';
import { versionEnd } from './planned-lessons';

interface Placed {
  groupId: string;
  lesson: TemplateLesson;
}

const at = (lesson: TemplateLesson) => `${lesson.day}|${lesson.slot}`;

/** Whether two half-open date intervals (null: open-ended) share a day. */
const overlaps = (a: [IsoDate, IsoDate | null], b: [IsoDate, IsoDate | null]) =>
  (a[1] === null || b[0] < a[1]) && (b[1] === null || a[0] < b[1]);

/** Faults of the version's own lessons: unknown journals and teachers, slots without bells. */
export function lessonFaults(
  state: PlanningState,
  version: TimetableVersion,
  facts: PlanningFacts,
): PlanningEntry[] {
  const faults: PlanningEntry[] = [];
  const bells = state.bells[version.shift];
  for (const lesson of version.lessons) {
    const where = { day: lesson.day, slot: lesson.slot, journalId: lesson.journalId };
    const journal = facts.journals[lesson.journalId];
    if (
      !journal ||
      journal.schoolId !== facts.schoolId ||
      journal.academicYear !== facts.academicYear
    ) {
      const detail = `No journal ${lesson.journalId} of this school and year`;
      faults.push({ code: 'PLANNING.UNKNOWN_JOURNAL', detail, ...where });
    }
    if (!facts.staff.includes(lesson.teacherId)) {
      const detail = `Teacher ${lesson.teacherId} is not staff of this school`;
      faults.push({
        code: 'PLANNING.UNKNOWN_TEACHER',
        detail,
        ...where,
        teacherId: lesson.teacherId,
      });
    }
    if (bells && !bells.slots.some((bell) => bell.slot === lesson.slot)) {
      const detail = `Shift ${version.shift} rings no lesson ${lesson.slot}`;
      faults.push({ code: 'PLANNING.SLOT_WITHOUT_BELL', detail, ...where });
    }
  }
  return faults;
}

/**
 * Every conflict of a new version: within it (a class with two lessons in one slot outside
 * subgroups, a teacher or a room twice in one slot) and with the versions of other groups
 * whose time in force overlaps its own (a teacher or a room in two places at once).
 */
export function timetableConflicts(
  state: PlanningState,
  version: TimetableVersion,
): PlanningEntry[] {
  const conflicts: PlanningEntry[] = [];
  const bySlot = new Map<string, TemplateLesson[]>();
  for (const lesson of version.lessons) {
    const same = bySlot.get(at(lesson)) ?? [];
    for (const other of same) {
      const where = { day: lesson.day, slot: lesson.slot, groupId: version.groupId };
      if (
        lesson.subgroup === null ||
        other.subgroup === null ||
        lesson.subgroup === other.subgroup
      ) {
        const detail = `The class has two lessons on day ${lesson.day}, slot ${lesson.slot}`;
        conflicts.push({ code: 'PLANNING.CLASS_SLOT_TAKEN', detail, ...where });
      }
      conflicts.push(
        ...placeConflicts(
          { groupId: version.groupId, lesson },
          { groupId: version.groupId, lesson: other },
        ),
      );
    }
    bySlot.set(at(lesson), [...same, lesson]);
  }
  const own = state.versions[version.groupId] ?? [];
  const span: [IsoDate, IsoDate | null] = [
    version.effectiveFrom,
    versionEnd(own, version.effectiveFrom),
  ];
  for (const [groupId, versions] of Object.entries(state.versions)) {
    if (groupId === version.groupId) continue;
    for (const other of versions) {
      if (!overlaps(span, [other.effectiveFrom, versionEnd(versions, other.effectiveFrom)]))
        continue;
      for (const theirs of other.lessons) {
        for (const ours of bySlot.get(at(theirs)) ?? []) {
          conflicts.push(
            ...placeConflicts(
              { groupId: version.groupId, lesson: ours },
              { groupId, lesson: theirs },
              other.effectiveFrom,
            ),
          );
        }
      }
    }
  }
  return conflicts;
}

function placeConflicts(ours: Placed, theirs: Placed, from?: IsoDate): PlanningEntry[] {
  const where = {
    day: ours.lesson.day,
    slot: ours.lesson.slot,
    groupId: ours.groupId,
    otherGroupId: theirs.groupId,
    ...(from ? { otherVersionFrom: from } : {}),
  };
  const found: PlanningEntry[] = [];
  // One group's lesson shown in two classes' timetables (pupils of both) is one place.
  if (ours.groupId !== theirs.groupId && ours.lesson.journalId === theirs.lesson.journalId) {
    return found;
  }
  if (ours.lesson.teacherId === theirs.lesson.teacherId) {
    const detail = `Teacher ${ours.lesson.teacherId} already teaches ${theirs.groupId} then`;
    found.push({
      code: 'PLANNING.TEACHER_BUSY',
      detail,
      ...where,
      teacherId: ours.lesson.teacherId,
    });
  }
  if (ours.lesson.roomId !== null && ours.lesson.roomId === theirs.lesson.roomId) {
    const detail = `Room ${ours.lesson.roomId} is taken by ${theirs.groupId} then`;
    found.push({ code: 'PLANNING.ROOM_BUSY', detail, ...where, roomId: ours.lesson.roomId });
  }
  return found;
}

/** The preconditions of a version: a calendar, a date inside the year, a known group. */
export function assertVersionPlace(version: TimetableVersion, facts: PlanningFacts): void {
  if (!facts.calendar) {
    throw refusePlanning.precondition(
      'PLANNING.NO_CALENDAR',
      'The school has no calendar for the year',
    );
  }
  if (!isWithin(version.effectiveFrom, facts.calendar)) {
    throw refusePlanning.unprocessable(
      'PLANNING.DATE_OUTSIDE_YEAR',
      `${version.effectiveFrom} is outside the academic year`,
    );
  }
  if (!facts.groups.includes(version.groupId)) {
    throw refusePlanning.unprocessable(
      'PLANNING.UNKNOWN_GROUP',
      `No class or group ${version.groupId} in this school and year`,
    );
  }
}
