import type {
  ATTENDANCE_STATUSES,
  CORRECTED_ATTENDANCE,
  JOURNAL_KINDS,
  MARK_SCALES,
  MarkValue,
} from '@ejournal/contracts';

/**
 * The documents of the journal's read models, without their bookkeeping (`versions`,
 * `quarantine`). Ids may contain `.` and `:` but never `|` (the contracts' identifier
 * alphabet), so the composite `_id`s below are unambiguous; ids are never field names.
 */
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export type CorrectedAttendance = (typeof CORRECTED_ATTENDANCE)[number];

export interface TeacherInterval {
  teacherId: string;
  fromDate: string;
  /** The first day the teacher no longer teaches the journal; null while assigned. */
  toDate: string | null;
}

export interface Substitution {
  teacherId: string;
  date: string;
  slot: number;
}

/** `journals`, `_id` = journalId: the header, for lists and for authorising reads. */
export interface JournalState {
  _id: string;
  regionId: string;
  schoolId: string;
  academicYear: string;
  groupId: string;
  kind: (typeof JOURNAL_KINDS)[number];
  subjectId: string | null;
  scale: (typeof MARK_SCALES)[number];
  teachers: TeacherInterval[];
  substitutes: Substitution[];
  closedPeriods: number[];
  sealed: boolean;
  /** Lessons held and not voided. */
  lessonCount: number;
}

export interface Homework {
  text: string;
  dueDate: string;
}

export interface MarkState {
  markId: string;
  value: MarkValue;
  workType: string;
  weight: number;
  revoked: boolean;
}

export interface CellState {
  pupilId: string;
  marks: MarkState[];
  /** Null when present (nothing recorded, or corrected to present). */
  attendance: AttendanceStatus | null;
  /** The stream version of the last event that changed the cell: `expectedCellRevision`. */
  revision: number;
}

/** `grid_columns`, `_id` = `${journalId}|${lessonId}`: one lesson column of the grid. */
export interface ColumnState {
  _id: string;
  journalId: string;
  lessonId: string;
  date: string;
  slot: number;
  topic: string;
  homework: Homework | null;
  voided: boolean;
  cells: CellState[];
}

export interface CellHistoryEntry {
  eventId: string;
  type: string;
  streamVersion: number;
  recordedAt: string;
  actorId: string;
  actorRole: string;
  onBehalfOf: string | null;
  markId: string | null;
  /** The mark value recorded or corrected to. */
  value: MarkValue | null;
  workType: string | null;
  weight: number | null;
  /** The attendance recorded or corrected to (`present` clears it). */
  status: CorrectedAttendance | null;
  /** The value or status a correction replaced. */
  from: string | null;
  reason: string | null;
  authorisedBy: string | null;
  orderRef: string | null;
  policyVersion: number | null;
}

/** A cell's history entry as its lesson's history holds it: with the cell's pupil. */
export type LessonHistoryEntry = CellHistoryEntry & { pupilId: string };

/**
 * `cell_history`, `_id` = `${journalId}|${lessonId}` (the column's id): every event of every
 * cell of one lesson, in stream order. One document per lesson, not per cell: a 30-pupil
 * column is one write, and a journal's rebuild writes 170 of them, not 5,000.
 */
export interface CellHistoryState {
  _id: string;
  journalId: string;
  lessonId: string;
  entries: LessonHistoryEntry[];
}

/**
 * `mark_cells`, `_id` = `${journalId}|${markId}`: where a mark lives. Corrections and
 * revocations name only the mark, and FerretDB 1.x cannot find an array element by value.
 */
export interface MarkCellState {
  _id: string;
  journalId: string;
  lessonId: string;
  pupilId: string;
}

/** `teacher_journals`, `_id` = teacherId: journals the teacher was assigned to or substituted in. */
export interface TeacherJournalsState {
  _id: string;
  journalIds: string[];
}

export const columnId = (journalId: string, lessonId: string) => `${journalId}|${lessonId}`;
export const markCellId = (journalId: string, markId: string) => `${journalId}|${markId}`;
