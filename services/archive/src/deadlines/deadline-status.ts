import type { RecordDocument } from '../catalogue/record-document';

/** The parts of a catalogue record the deadline view reads. */
export type DeadlineRecord = Pick<
  RecordDocument,
  '_id' | 'kind' | 'schoolId' | 'status' | 'title' | 'activityKind' | 'signatures'
> & { document?: { ref: string; sourceVersion: number } | null };

export interface RecordProgress {
  recordId: string;
  kind: RecordDocument['kind'];
  title: string;
  /** Journals only: the year closed (a summary sheet has no seal of its own). */
  sealed: boolean | null;
  printed: boolean;
  signed: boolean;
  overdue: boolean;
}

export interface ProgressCounts {
  total: number;
  sealed: number;
  printed: number;
  signed: number;
  overdue: number;
}

/**
 * R8: after the school year and no later than 30 June, every journal and summary sheet is
 * output and signed by the head. The deadline of the school year starting in `startYear`.
 */
export const deadlineOf = (startYear: number) => `${startYear + 1}-06-30`;

/**
 * Where one record stands: printed once the year-end document exists (`document`, from the
 * documents part), signed once the head signed that document (`signatures` by role `head`);
 * overdue when not done and the school's today is past the deadline.
 */
export function progressOf(
  record: DeadlineRecord,
  today: string,
  deadline: string,
): RecordProgress {
  const sealed = record.kind === 'journal' ? record.status === 'sealed' : null;
  const document = record.document ?? null;
  const printed = document !== null;
  const signed =
    printed &&
    (record.signatures ?? []).some(
      (signature) =>
        signature.role === 'head' &&
        (signature.documentRef === undefined || signature.documentRef === document.ref),
    );
  const done = sealed !== false && printed && signed;
  return {
    recordId: record._id,
    kind: record.kind,
    title: record.title,
    sealed,
    printed,
    signed,
    overdue: !done && today > deadline,
  };
}

export function countsOf(progress: readonly RecordProgress[]): ProgressCounts {
  return {
    total: progress.length,
    sealed: progress.filter((item) => item.sealed !== false).length,
    printed: progress.filter((item) => item.printed).length,
    signed: progress.filter((item) => item.signed).length,
    overdue: progress.filter((item) => item.overdue).length,
  };
}

/** `done` when every record is signed, else `overdue` past the deadline, else `in_progress`. */
export function stateOf(counts: ProgressCounts): 'done' | 'in_progress' | 'overdue' {
  if (counts.total > 0 && counts.signed === counts.total && counts.sealed === counts.total) {
    return 'done';
  }
  return counts.overdue > 0 ? 'overdue' : 'in_progress';
}
