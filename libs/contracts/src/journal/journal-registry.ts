import type { RecordedEvent } from '../envelope/event-envelope';
import { EventRegistry } from '../registry/event-registry';
import * as assignment from './assignment.events';
import * as attendance from './attendance-recorded.event';
import { JournalOpenedV1, type JournalOpened } from './journal-opened.event';
import { LessonHeldV1, type LessonHeld } from './lesson-held.event';
import * as lessons from './lesson-corrections.events';
import * as corrections from './mark-corrected.event';
import { MarkRecordedV1, MarkRecordedV2, type MarkRecorded } from './mark-recorded.event';
import * as periods from './period.events';
import * as planning from './planning.events';
import * as summary from './summary.events';

/**
 * The journal service's store: `journal-*` streams (5 years), `summary-*` streams (25), and the
 * school year planned: `planning-*` and `thematic-*` streams (planning.events).
 */
export const journalRegistry = new EventRegistry().register(
  JournalOpenedV1,
  assignment.TeacherAssignedV1,
  assignment.TeacherUnassignedV1,
  assignment.SubstituteAssignedV1,
  LessonHeldV1,
  lessons.LessonEditedV1,
  lessons.LessonVoidedV1,
  MarkRecordedV1,
  MarkRecordedV2,
  corrections.MarkCorrectedV1,
  corrections.MarkCorrectedV2,
  corrections.MarkRevokedV1,
  attendance.AttendanceRecordedV1,
  attendance.AttendanceCorrectedV1,
  periods.PeriodClosedV1,
  periods.PeriodReopenedV1,
  periods.JournalSealedV1,
  summary.SummaryMarkSetV1,
  summary.SummaryMarkCorrectedV1,
  summary.CouncilDecisionRecordedV1,
  planning.CurriculumPlanSetV1,
  planning.BellScheduleSetV1,
  planning.TimetableVersionSetV1,
  planning.TimetableChangedV1,
  planning.ThematicPlanSetV1,
);

/** Events of a `journal-{id}` stream, in their current versions (after upcasting). */
export type JournalStreamEvent =
  | JournalOpened
  | assignment.TeacherAssigned
  | assignment.TeacherUnassigned
  | assignment.SubstituteAssigned
  | LessonHeld
  | lessons.LessonEdited
  | lessons.LessonVoided
  | MarkRecorded
  | corrections.MarkCorrected
  | corrections.MarkRevoked
  | attendance.AttendanceRecorded
  | attendance.AttendanceCorrected
  | periods.PeriodClosed
  | periods.PeriodReopened
  | periods.JournalSealed;

/** Events of a `summary-{schoolId}-{startYear}-{classId}` stream. */
export type SummaryStreamEvent =
  summary.SummaryMarkSet | summary.SummaryMarkCorrected | summary.CouncilDecisionRecorded;

/** Every event the journal service records, in its current version. */
export type JournalEvent = JournalStreamEvent | SummaryStreamEvent;

export type RecordedJournalEvent = {
  [T in JournalEvent['type']]: RecordedEvent<T, Extract<JournalEvent, { type: T }>['data']>;
}[JournalEvent['type']];

export const journalStreamId = (journalId: string) => `journal-${journalId}`;

/** `summary-s1-2026-c7` for school s1, academic year 2026/2027, class c7. */
export const summaryStreamId = (schoolId: string, academicYear: string, classId: string) =>
  `summary-${schoolId}-${academicYear.slice(0, 4)}-${classId}`;
