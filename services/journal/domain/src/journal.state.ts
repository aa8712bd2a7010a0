import type { JournalOpened, AttendanceStatus, MarkValue } from '@ejournal/contracts';
import { unreachable, type IsoDate } from '@ejournal/decider';
import type { JournalCommand, Homework } from './journal.commands';

/** A teacher's half-open interval [fromDate, onDate) of teaching the journal. */
export interface TeacherAssignment {
  teacherId: string;
  fromDate: IsoDate;
  /** The first day the teacher no longer teaches it; null while assigned. */
  onDate: IsoDate | null;
}

export interface LessonState {
  date: IsoDate;
  slot: number;
  topic: string;
  homework: Homework | null;
  voided: boolean;
  /** The user who recorded the lesson; null when folded from an unrecorded event. */
  author: string | null;
  /** The stream version of the last event about the lesson itself. */
  revision: number;
}

export interface MarkState {
  lessonId: string;
  pupilId: string;
  value: MarkValue;
  workType: string;
  weight: number;
  revoked: boolean;
  author: string | null;
  /** The eventId of the MarkRecorded or of the latest MarkCorrected: what a correction names. */
  lastEventId: string;
}

export interface AttendanceState {
  /** null once corrected to present. */
  status: AttendanceStatus | null;
  author: string | null;
}

/**
 * A journal's stream folded. Plain JSON only (records, arrays, strings, numbers, booleans,
 * null), because the handler snapshots it.
 */
export interface JournalState {
  /** How many events were folded: the stream version. */
  version: number;
  journal: JournalOpened['data'] | null;
  assignments: TeacherAssignment[];
  /** `${date}:${slot}` → the substitute's user id. */
  substitutes: Record<string, string>;
  lessons: Record<string, LessonState>;
  marks: Record<string, MarkState>;
  /** `${lessonId}:${pupilId}` → the cell's attendance entry. */
  attendance: Record<string, AttendanceState>;
  /** `${lessonId}:${pupilId}` → the stream version of the last event touching the cell. */
  cellRevisions: Record<string, number>;
  closedPeriods: number[];
  sealed: boolean;
}

export const initialJournalState: JournalState = {
  version: 0,
  journal: null,
  assignments: [],
  substitutes: {},
  lessons: {},
  marks: {},
  attendance: {},
  cellRevisions: {},
  closedPeriods: [],
  sealed: false,
};

export const cellKey = (lessonId: string, pupilId: string) => `${lessonId}:${pupilId}`;
export const slotKey = (date: IsoDate, slot: number) => `${date}:${slot}`;

/** The revision a client read the cell at; 0 for a cell nothing was ever entered in. */
export const cellRevision = (state: JournalState, lessonId: string, pupilId: string) =>
  state.cellRevisions[cellKey(lessonId, pupilId)] ?? 0;

/** The cell a mark is in, or null for an unknown mark. */
export function markCell(
  state: JournalState,
  markId: string,
): { lessonId: string; pupilId: string } | null {
  const mark = state.marks[markId];
  return mark ? { lessonId: mark.lessonId, pupilId: mark.pupilId } : null;
}

/** Whether a teacher's assignment covers a date. */
export const teachesOn = (state: JournalState, teacherId: string, date: IsoDate) =>
  state.assignments.some(
    (a) =>
      a.teacherId === teacherId && a.fromDate <= date && (a.onDate === null || date < a.onDate),
  );

/** Who may write the lesson at (date, slot): an assigned teacher or the slot's substitute. */
export const mayWrite = (state: JournalState, userId: string, date: IsoDate, slot: number) =>
  teachesOn(state, userId, date) || state.substitutes[slotKey(date, slot)] === userId;

/**
 * The date whose roster the command needs (`facts.enrolled`): the new lesson's date, or the
 * date of the lesson an entry or correction is about; null for commands about no lesson.
 */
export function lessonDateOf(command: JournalCommand, state: JournalState): IsoDate | null {
  const lessonDate = (lessonId: string | undefined) =>
    lessonId === undefined ? null : (state.lessons[lessonId]?.date ?? null);
  switch (command.type) {
    case 'RecordLesson':
      return command.date;
    case 'RecordEntries':
    case 'CorrectAttendance':
    case 'EditLesson':
    case 'VoidLesson':
      return lessonDate(command.lessonId);
    case 'CorrectMark':
    case 'RevokeMark':
      return lessonDate(state.marks[command.markId]?.lessonId);
    case 'OpenJournal':
    case 'AssignTeacher':
    case 'UnassignTeacher':
    case 'AssignSubstitute':
    case 'ClosePeriod':
    case 'ReopenPeriod':
    case 'SealJournal':
      return null;
    default:
      return unreachable(command);
  }
}
