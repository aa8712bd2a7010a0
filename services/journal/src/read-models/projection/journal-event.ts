import type { JournalStreamEvent, RecordedJournalEvent } from '@ejournal/contracts';

/** An event of a `journal-{id}` stream as the store returns it (upcast to its current version). */
export type RecordedJournalStreamEvent = Extract<
  RecordedJournalEvent,
  { type: JournalStreamEvent['type'] }
>;

export type JournalEventOf<T extends RecordedJournalStreamEvent['type']> = Extract<
  RecordedJournalStreamEvent,
  { type: T }
>;

/** The events that change one pupil's cell of a lesson column. */
export type CellEvent = JournalEventOf<
  'MarkRecorded' | 'MarkCorrected' | 'MarkRevoked' | 'AttendanceRecorded' | 'AttendanceCorrected'
>;

/** The events that change a lesson column itself. */
export type LessonEvent = JournalEventOf<'LessonHeld' | 'LessonEdited' | 'LessonVoided'>;

const CELL_EVENTS: ReadonlySet<string> = new Set<CellEvent['type']>([
  'MarkRecorded',
  'MarkCorrected',
  'MarkRevoked',
  'AttendanceRecorded',
  'AttendanceCorrected',
]);

const LESSON_EVENTS: ReadonlySet<string> = new Set<LessonEvent['type']>([
  'LessonHeld',
  'LessonEdited',
  'LessonVoided',
]);

export const isCellEvent = (event: RecordedJournalStreamEvent): event is CellEvent =>
  CELL_EVENTS.has(event.type);

export const isLessonEvent = (event: RecordedJournalStreamEvent): event is LessonEvent =>
  LESSON_EVENTS.has(event.type);

export const JOURNAL_CATEGORY = 'journal';

export const journalIdOf = (streamId: string): string =>
  streamId.slice(JOURNAL_CATEGORY.length + 1);

/** A projection cannot make sense of a stored event: a bug or a damaged record, never retried away. */
export class ProjectionError extends Error {
  readonly code = 'JOURNAL.PROJECTION_FAILED';

  constructor(event: { streamId: string; streamVersion: number }, reason: string) {
    super(`${event.streamId}@${event.streamVersion}: ${reason}`);
    this.name = 'ProjectionError';
  }
}

export function unhandled(value: never): never {
  throw new Error(`Unhandled event ${JSON.stringify(value)}`);
}
