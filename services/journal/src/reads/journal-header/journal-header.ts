import { isQuarantined, versionOf } from '../../read-models/documents/bookkeeping';
import type {
  JournalState,
  Substitution,
  TeacherInterval,
} from '../../read-models/documents/journal-documents';
import type { Stored } from '../../read-models/documents/read-model';

/** A journal's header: what lists show and what authorises reads (school, group, teachers). */
export interface JournalHeader {
  journalId: string;
  regionId: string;
  schoolId: string;
  academicYear: string;
  groupId: string;
  kind: JournalState['kind'];
  subjectId: string | null;
  scale: JournalState['scale'];
  /** Every assignment, in order; `toDate` is the first day no longer taught. */
  teachers: TeacherInterval[];
  /** Teachers assigned and not unassigned (some may have an unassignment still ahead). */
  teacherIds: string[];
  substitutes: Substitution[];
  closedPeriods: number[];
  sealed: boolean;
  lessonCount: number;
  /** The journal stream's version the read models hold (for ETags and read-your-writes). */
  version: number;
  /** True while the journal's documents await a rebuild after a dead-lettered event. */
  stale: boolean;
}

export function toJournalHeader(journal: JournalState, version: number, stale: boolean) {
  const header: JournalHeader = {
    journalId: journal._id,
    regionId: journal.regionId,
    schoolId: journal.schoolId,
    academicYear: journal.academicYear,
    groupId: journal.groupId,
    kind: journal.kind,
    subjectId: journal.subjectId,
    scale: journal.scale,
    teachers: journal.teachers.map(({ teacherId, fromDate, toDate }) => ({
      teacherId,
      fromDate,
      toDate,
    })),
    teacherIds: [
      ...new Set(journal.teachers.filter((t) => t.toDate === null).map((t) => t.teacherId)),
    ],
    substitutes: journal.substitutes.map(({ teacherId, date, slot }) => ({
      teacherId,
      date,
      slot,
    })),
    closedPeriods: [...journal.closedPeriods],
    sealed: journal.sealed,
    lessonCount: journal.lessonCount,
    version,
    stale,
  };
  return header;
}

export function headerOfStored(stored: Stored<JournalState>, streamId: string): JournalHeader {
  return toJournalHeader(stored, versionOf(stored, streamId), isQuarantined(stored));
}

/** Whether the teacher is assigned to the journal on a date (ISO dates compare as strings). */
export function teachesOn(header: JournalHeader, teacherId: string, date: string): boolean {
  return header.teachers.some(
    (t) =>
      t.teacherId === teacherId && t.fromDate <= date && (t.toDate === null || date < t.toDate),
  );
}

/** Whether the teacher substitutes in the journal on a date (any slot, or the given one). */
export function substitutesOn(
  header: JournalHeader,
  teacherId: string,
  date: string,
  slot?: number,
): boolean {
  return header.substitutes.some(
    (s) => s.teacherId === teacherId && s.date === date && (slot === undefined || s.slot === slot),
  );
}
