import type { MarkValue } from '@ejournal/contracts';
import type { AveragingFacts } from '../../facts/identity-facts.port';
import type { AttendanceStatus, Homework } from '../../read-models/documents/journal-documents';
import type { JournalHeader } from '../journal-header/journal-header';

export interface GridOptions {
  /** Only the lessons and the average of this period of the school's calendar. */
  period?: number;
  /** Voided lessons are left out unless asked for (their marks never count). */
  includeVoided?: boolean;
}

export interface GridMark {
  markId: string;
  value: MarkValue;
  workType: string;
  weight: number;
  /** Revoked marks stay visible (struck through) and never count. */
  revoked: boolean;
}

export interface GridCell {
  marks: GridMark[];
  /** Null when present. */
  attendance: AttendanceStatus | null;
  /** Send it back as `expectedCellRevision` when changing the cell. */
  revision: number;
}

export interface GridLesson {
  lessonId: string;
  date: string;
  slot: number;
  /** The calendar period the date falls in; null outside every period or without a calendar. */
  period: number | null;
  topic: string;
  homework: Homework | null;
  voided: boolean;
}

export interface PupilAverage {
  period: number;
  /** Rounded as the period's policy says; null without any numeric mark. */
  value: number | null;
}

export interface GridPupil {
  pupilId: string;
  /** Aligned with `GridDto.lessons`: `cells[i]` is the cell of `lessons[i]`, null if empty. */
  cells: (GridCell | null)[];
  averages: PupilAverage[];
}

export interface GridPeriod {
  number: number;
  startsOn: string;
  endsOn: string;
  closed: boolean;
  /** The averaging in force at the period's end; the default when no policy was published. */
  averaging: AveragingFacts;
  policyVersion: number | null;
}

/** The journal's grid: lessons as columns (by date, then slot), pupils as rows (by id). */
export interface GridDto {
  journal: JournalHeader;
  /** The period asked for, or null for the whole year. */
  period: number | null;
  /** The periods averaged: the one asked for, or every period of the calendar. */
  periods: GridPeriod[];
  lessons: GridLesson[];
  pupils: GridPupil[];
}
