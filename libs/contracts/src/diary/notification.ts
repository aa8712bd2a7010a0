import { z } from 'zod';
import { calendarDate, eventId, freeText, identifier, instant } from '../envelope/field-schemas';
import { COUNCIL_DECISIONS, SUMMARY_MARK_KINDS } from '../journal/summary.events';
import { ATTENDANCE_STATUSES, CORRECTED_ATTENDANCE } from '../journal/attendance-recorded.event';
import { JOURNAL_KINDS, academicYear } from '../journal/journal-opened.event';
import { markValue } from '../journal/mark-recorded.event';
import { localTime, slotNumber } from '../journal/planning.events';

/** The topic school apps consume: one message per notification and recipient, keyed by pupil. */
export const DIARY_NOTIFICATIONS_TOPIC = 'ejournal.diary.notifications.v1';

/** The lesson a notification is about: ids and the school's date, never names. */
const lesson = z.strictObject({
  journalId: identifier,
  lessonId: identifier,
  subjectId: identifier.nullable(),
  activityKind: z.enum(JOURNAL_KINDS),
  date: calendarDate,
});

const homework = z.strictObject({ text: freeText(2000), dueDate: calendarDate }).nullable();
const summaryCell = {
  academicYear,
  subjectId: identifier,
  markKind: z.enum(SUMMARY_MARK_KINDS),
  period: z.number().int().min(1).max(4).nullable(),
};

/**
 * A lesson the timetable plans (issue 21): its journal, date and slot, the bells' times (null
 * without a bell schedule for it), teacher and room. `subjectId` and `activityKind` are null
 * while the diary has not seen the journal opened.
 */
const plannedLesson = z.strictObject({
  journalId: identifier,
  subjectId: identifier.nullable(),
  activityKind: z.enum(JOURNAL_KINDS).nullable(),
  date: calendarDate,
  slot: slotNumber,
  startsAt: localTime.nullable(),
  endsAt: localTime.nullable(),
  teacherId: identifier.nullable(),
  roomId: identifier.nullable(),
});

const kind = <K extends string, D extends z.ZodType>(name: K, data: D) =>
  z.strictObject({ kind: z.literal(name), data });

/**
 * Every kind with its data; `lesson_voided` retracts what was sent about that lesson. The
 * timetable's kinds (`lesson_cancelled`, `lesson_substituted`, `lesson_moved`, `lesson_added`,
 * `timetable_changed`) came later within v1: kinds are only ever added, so a consumer skips a
 * kind it does not know.
 */
const kinds = [
  kind(
    'mark_recorded',
    z.strictObject({
      lesson,
      markId: identifier,
      value: markValue,
      workType: z.string(),
      weight: z.number(),
    }),
  ),
  kind(
    'mark_corrected',
    z.strictObject({ lesson, markId: identifier, from: markValue.nullable(), to: markValue }),
  ),
  kind('mark_revoked', z.strictObject({ lesson, markId: identifier, value: markValue.nullable() })),
  kind('attendance_recorded', z.strictObject({ lesson, status: z.enum(ATTENDANCE_STATUSES) })),
  kind(
    'attendance_corrected',
    z.strictObject({
      lesson,
      from: z.enum(ATTENDANCE_STATUSES),
      to: z.enum(CORRECTED_ATTENDANCE),
    }),
  ),
  kind('homework_set', z.strictObject({ lesson, homework })),
  kind('homework_changed', z.strictObject({ lesson, homework })),
  kind('lesson_voided', z.strictObject({ lesson })),
  kind('summary_mark_set', z.strictObject({ ...summaryCell, value: markValue })),
  kind(
    'summary_mark_corrected',
    z.strictObject({ ...summaryCell, from: markValue, to: markValue }),
  ),
  kind(
    'council_decision_recorded',
    z.strictObject({ decision: z.enum(COUNCIL_DECISIONS), decidedOn: calendarDate }),
  ),
  kind('lesson_cancelled', z.strictObject({ changeId: identifier, lesson: plannedLesson })),
  kind(
    'lesson_substituted',
    z.strictObject({
      changeId: identifier,
      /** As it will be taught: `teacherId` is the substitute. */
      lesson: plannedLesson,
      /** The teacher the timetable names, when known. */
      substituteFor: identifier.nullable(),
    }),
  ),
  kind(
    'lesson_moved',
    z.strictObject({
      changeId: identifier,
      /** Where the timetable had it. */
      lesson: plannedLesson,
      /** Where it is given instead; null when it is only taken away. */
      to: plannedLesson.nullable(),
    }),
  ),
  kind('lesson_added', z.strictObject({ changeId: identifier, lesson: plannedLesson })),
  kind(
    'timetable_changed',
    z.strictObject({
      groupId: identifier,
      versionId: identifier,
      effectiveFrom: calendarDate,
      /** The coming days (within the diary's horizon) whose lessons the new version changes. */
      dates: z.array(calendarDate).min(1),
    }),
  ),
] as const;

export const NOTIFICATION_KINDS = kinds.map((each) => each.shape.kind.value);

const envelope = {
  /** Derived from (source event id, recipient): a redelivered event yields the same id. */
  notificationId: z.uuid(),
  schemaVersion: z.literal(1),
  pupilId: identifier,
  recipientId: identifier,
  /** `pupil`: the pupil themself; `guardian`: a guardian with consent and an active link. */
  recipientRole: z.enum(['pupil', 'guardian']),
  schoolId: identifier,
  /** When the journal recorded what this is about. */
  occurredAt: instant,
  source: z.strictObject({
    eventId,
    type: z.string(),
    streamId: z.string(),
    streamVersion: z.number().int().min(1),
  }),
  correlationId: z.string(),
};

/** One notification for one recipient, as published on DIARY_NOTIFICATIONS_TOPIC. */
export const DiaryNotificationV1 = z
  .discriminatedUnion(
    'kind',
    kinds.map((each) => each.extend(envelope)) as unknown as [
      (typeof kinds)[number],
      ...(typeof kinds)[number][],
    ],
  )
  .meta({ title: 'DiaryNotification.v1' });

type Kinds = (typeof kinds)[number];
export type DiaryNotification = {
  [K in Kinds as z.infer<K>['kind']]: z.infer<K> & {
    [F in keyof typeof envelope]: z.infer<(typeof envelope)[F]>;
  };
}[z.infer<Kinds>['kind']];
export type NotificationKind = DiaryNotification['kind'];

/** The published JSON Schemas of the diary's messages, keyed like the event schemas. */
export function diaryJsonSchemas(): Record<string, object> {
  return { 'DiaryNotification.v1': z.toJSONSchema(DiaryNotificationV1) };
}
