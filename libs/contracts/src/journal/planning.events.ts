import { z } from 'zod';
import { calendarDate, freeText, identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';

/**
 * The school year planned (issue 21), in the journal's store: `planning-{schoolId}-{startYear}`
 * streams (curriculum, bells, timetable of one school's academic year) and
 * `thematic-{journalId}` streams (a journal's calendar-thematic plan, КТП). Ids only.
 */

const academicYear = z.string().regex(/^\d{4}\/\d{4}$/);
/** School-local wall-clock time, `HH:MM`. */
export const localTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
export const slotNumber = z.number().int().min(1).max(12);
/** ISO weekday: 1 Monday … 7 Sunday. */
export const weekday = z.number().int().min(1).max(7);
export const shift = z.number().int().min(1).max(3);
const hours = z.number().min(0).max(40).multipleOf(0.5);

export const CURRICULUM_KINDS = [
  'lesson',
  'elective',
  'club',
  'extended_day',
  'extracurricular',
  'individual',
] as const;

export const curriculumItem = z.strictObject({
  subjectId: identifier,
  kind: z.enum(CURRICULUM_KINDS),
  hoursPerWeek: hours,
  /** Where a period's weekly hours differ from `hoursPerWeek`. */
  byPeriod: z
    .array(z.strictObject({ period: z.number().int().min(1).max(4), hoursPerWeek: hours }))
    .max(4),
  /** Into how many subgroups the class is divided for it (1: not divided). */
  subgroups: z.number().int().min(1).max(4),
});

/** The curriculum plan (учебный план) of one class or group for the year; replaces the last. */
export const CurriculumPlanSetV1 = defineEvent({
  type: 'CurriculumPlanSet',
  schemaVersion: 1,
  data: z.strictObject({
    academicYear,
    groupId: identifier,
    items: z.array(curriculumItem).max(60),
  }),
});

export const bellSlot = z.strictObject({
  slot: slotNumber,
  startsAt: localTime,
  endsAt: localTime,
});

/** A shift's bells (звонки) in the school's time zone, with shortened days. */
export const BellScheduleSetV1 = defineEvent({
  type: 'BellScheduleSet',
  schemaVersion: 1,
  data: z.strictObject({
    academicYear,
    shift,
    slots: z.array(bellSlot).min(1).max(12),
    exceptions: z
      .array(
        z.strictObject({
          date: calendarDate,
          reason: freeText(200),
          slots: z.array(bellSlot).min(1).max(12),
        }),
      )
      .max(100),
  }),
});

export const timetableLesson = z.strictObject({
  day: weekday,
  slot: slotNumber,
  journalId: identifier,
  teacherId: identifier,
  roomId: identifier.nullable(),
  /** The subgroup taught (1…4), or null for the whole class or group. */
  subgroup: z.number().int().min(1).max(4).nullable(),
});

/** A class's or group's weekly template, in force from a date until its next version. */
export const TimetableVersionSetV1 = defineEvent({
  type: 'TimetableVersionSet',
  schemaVersion: 1,
  data: z.strictObject({
    academicYear,
    groupId: identifier,
    versionId: identifier,
    effectiveFrom: calendarDate,
    shift,
    lessons: z.array(timetableLesson).max(120),
  }),
});

export const TIMETABLE_CHANGE_KINDS = ['substitution', 'cancellation', 'move', 'extra'] as const;

/**
 * A one-off change on a date: a substitute teaches the lesson (`teacherId`), it is cancelled,
 * moved to `toDate`/`toSlot`, or an extra lesson is given. `journalId`, `date` and `slot` name
 * the lesson changed (the extra lesson itself).
 */
export const TimetableChangedV1 = defineEvent({
  type: 'TimetableChanged',
  schemaVersion: 1,
  data: z.strictObject({
    academicYear,
    changeId: identifier,
    kind: z.enum(TIMETABLE_CHANGE_KINDS),
    groupId: identifier,
    journalId: identifier,
    date: calendarDate,
    slot: slotNumber,
    teacherId: identifier.nullable(),
    roomId: identifier.nullable(),
    toDate: calendarDate.nullable(),
    toSlot: slotNumber.nullable(),
    reason: freeText(200).nullable(),
  }),
});

export const thematicItem = z.strictObject({
  number: z.number().int().min(1).max(400),
  section: freeText(300).nullable(),
  topic: freeText(500),
  hours: z.number().int().min(1).max(10),
  plannedDate: calendarDate.nullable(),
});

/** A journal's calendar-thematic plan (КТП), whole: a later one replaces it. */
export const ThematicPlanSetV1 = defineEvent({
  type: 'ThematicPlanSet',
  schemaVersion: 1,
  data: z.strictObject({
    journalId: identifier,
    items: z.array(thematicItem).max(400),
    /** The journal it was copied from, when copied. */
    copiedFrom: identifier.nullable(),
  }),
});

export type CurriculumPlanSet = EventOf<typeof CurriculumPlanSetV1>;
export type BellScheduleSet = EventOf<typeof BellScheduleSetV1>;
export type TimetableVersionSet = EventOf<typeof TimetableVersionSetV1>;
export type TimetableChanged = EventOf<typeof TimetableChangedV1>;
export type ThematicPlanSet = EventOf<typeof ThematicPlanSetV1>;

/** Events of a `planning-{schoolId}-{startYear}` stream. */
export type PlanningStreamEvent =
  CurriculumPlanSet | BellScheduleSet | TimetableVersionSet | TimetableChanged;
/** Events of a `thematic-{journalId}` stream. */
export type ThematicStreamEvent = ThematicPlanSet;

/** `planning-s1-2026` for school s1, academic year 2026/2027. */
export const planningStreamId = (schoolId: string, academicYear: string) =>
  `planning-${schoolId}-${academicYear.slice(0, 4)}`;
export const thematicStreamId = (journalId: string) => `thematic-${journalId}`;
