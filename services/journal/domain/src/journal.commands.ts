import type { IsoDate } from '@ejournal/decider';
import type { CommandFacts } from './journal.facts';

export interface MarkEntry {
  markId: string;
  value: string;
  workType: string;
}

/** One pupil's cell of a lesson column: any number of marks and at most one attendance status. */
export interface ColumnEntry {
  pupilId: string;
  marks: readonly MarkEntry[];
  attendance: 'absent' | 'excused' | 'sick' | 'late' | null;
}

export interface Homework {
  text: string;
  dueDate: IsoDate;
}

/** Set when the caller acts under an order (приказ): after the window or a closed period. */
export interface Authorisation {
  reason: string;
  orderRef: string | null;
}

type Cmd<T extends string, B> = { type: T; facts: CommandFacts } & B;

export type JournalCommand =
  | Cmd<
      'OpenJournal',
      {
        journalId: string;
        schoolId: string;
        academicYear: string;
        groupId: string;
        kind: 'lesson' | 'elective' | 'club' | 'extended_day' | 'extracurricular' | 'individual';
        subjectId: string | null;
        scale: 'five_point' | 'pass_fail';
        teacherIds: readonly string[];
      }
    >
  | Cmd<'AssignTeacher', { teacherId: string; fromDate: IsoDate }>
  | Cmd<'UnassignTeacher', { teacherId: string; onDate: IsoDate }>
  | Cmd<'AssignSubstitute', { teacherId: string; date: IsoDate; slot: number }>
  /** A lesson held, with its whole column in the same append. */
  | Cmd<
      'RecordLesson',
      {
        lessonId: string;
        date: IsoDate;
        slot: number;
        topic: string;
        homework: Homework | null;
        entries: readonly ColumnEntry[];
      }
    >
  /** More marks and attendance for a lesson already held (one mark is a column of one). */
  | Cmd<'RecordEntries', { lessonId: string; entries: readonly ColumnEntry[] }>
  | Cmd<
      'CorrectMark',
      Authorisation & { markId: string; value: string; expectedCellRevision: number }
    >
  | Cmd<'RevokeMark', Authorisation & { markId: string; expectedCellRevision: number }>
  | Cmd<
      'CorrectAttendance',
      Authorisation & {
        lessonId: string;
        pupilId: string;
        to: 'absent' | 'excused' | 'sick' | 'late' | 'present';
        expectedCellRevision: number;
      }
    >
  | Cmd<
      'EditLesson',
      Authorisation & { lessonId: string; topic: string; homework: Homework | null }
    >
  | Cmd<'VoidLesson', Authorisation & { lessonId: string }>
  | Cmd<'ClosePeriod', { period: number }>
  | Cmd<'ReopenPeriod', { period: number; reason: string; orderRef: string | null }>
  | Cmd<'SealJournal', Record<never, never>>;

/** What a journal answers about itself for summary commands (loaded from its stream). */
export interface JournalFacts {
  journalId: string;
  subjectId: string | null;
  scale: 'five_point' | 'pass_fail';
  /** Whether the caller may write the journal today (assigned teacher). */
  callerTeaches: boolean;
  closedPeriods: readonly number[];
}

export type SummaryCommand =
  | Cmd<
      'SetSummaryMarks',
      {
        journal: JournalFacts | null;
        subjectId: string;
        kind: 'period' | 'year' | 'exam' | 'final';
        period: number | null;
        marks: readonly { pupilId: string; value: string }[];
      }
    >
  | Cmd<
      'CorrectSummaryMark',
      Authorisation & {
        pupilId: string;
        subjectId: string;
        kind: 'period' | 'year' | 'exam' | 'final';
        period: number | null;
        value: string;
        expectedRevision: number;
      }
    >
  | Cmd<
      'RecordCouncilDecision',
      {
        decisionId: string;
        pupilId: string;
        decision: string;
        decidedOn: IsoDate;
        orderRef: string;
      }
    >;
