import {
  BellScheduleSetV1,
  calendarDate,
  CurriculumPlanSetV1,
  TimetableChangedV1,
  TimetableVersionSetV1,
} from '@ejournal/contracts';
import { z } from 'zod';

/** The contracts' id alphabet (as every event's ids). */
export const identifier = TimetableVersionSetV1.data.shape.groupId;

export const curriculumBody = CurriculumPlanSetV1.data.omit({ academicYear: true }).extend({
  items: z.array(
    CurriculumPlanSetV1.data.shape.items.element.extend({
      byPeriod: CurriculumPlanSetV1.data.shape.items.element.shape.byPeriod.default([]),
      subgroups: CurriculumPlanSetV1.data.shape.items.element.shape.subgroups.default(1),
    }),
  ),
});

export const bellsBody = BellScheduleSetV1.data.omit({ academicYear: true }).extend({
  exceptions: BellScheduleSetV1.data.shape.exceptions.default([]),
});

const lessons = TimetableVersionSetV1.data.shape.lessons;
export const timetableBody = TimetableVersionSetV1.data.omit({ academicYear: true }).extend({
  versionId: identifier.optional(),
  shift: TimetableVersionSetV1.data.shape.shift.default(1),
  lessons: z.array(
    lessons.element.extend({
      roomId: lessons.element.shape.roomId.default(null),
      subgroup: lessons.element.shape.subgroup.default(null),
    }),
  ),
});

const change = TimetableChangedV1.data.shape;
export const changeBody = z.strictObject({
  changeId: identifier.optional(),
  kind: change.kind,
  groupId: change.groupId,
  journalId: change.journalId,
  date: change.date,
  slot: change.slot,
  teacherId: change.teacherId.default(null),
  roomId: change.roomId.default(null),
  toDate: change.toDate.default(null),
  toSlot: change.toSlot.default(null),
  reason: change.reason.default(null),
});

export const dayQuery = z.strictObject({ date: calendarDate, groupId: identifier.optional() });
