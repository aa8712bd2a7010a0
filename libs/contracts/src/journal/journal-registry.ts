import type { RecordedEvent } from '../envelope/event-envelope';
import { EventRegistry } from '../registry/event-registry';
import { AttendanceRecordedV1, type AttendanceRecorded } from './attendance-recorded.event';
import { JournalOpenedV1, type JournalOpened } from './journal-opened.event';
import { LessonHeldV1, type LessonHeld } from './lesson-held.event';
import { MarkCorrectedV1, type MarkCorrected } from './mark-corrected.event';
import { MarkRecordedV1, MarkRecordedV2, type MarkRecorded } from './mark-recorded.event';

export const journalRegistry = new EventRegistry().register(
  JournalOpenedV1,
  LessonHeldV1,
  MarkRecordedV1,
  MarkRecordedV2,
  MarkCorrectedV1,
  AttendanceRecordedV1,
);

/** Journal events in their current versions, as read back after upcasting. */
export type JournalEvent =
  JournalOpened | LessonHeld | MarkRecorded | MarkCorrected | AttendanceRecorded;

export type RecordedJournalEvent = {
  [T in JournalEvent['type']]: RecordedEvent<T, Extract<JournalEvent, { type: T }>['data']>;
}[JournalEvent['type']];
