import type { ColumnEntry } from './journal.commands';
import type { JournalFact } from './journal.events';
import type { CommandFacts, PolicyFacts } from './journal.facts';
import { refuse, type EntryError, type JournalCode } from './journal.errors';
import { isGrade, isOnScale, type Scale } from './mark-scales';
import { cellKey, type JournalState } from './journal.state';

const ABSENCES: readonly (string | null)[] = ['absent', 'excused', 'sick'];

/** Absent, excused or sick; a pupil who is late was there. */
const isAbsence = (status: string | null) => ABSENCES.includes(status);

interface Column {
  lessonId: string;
  entries: readonly ColumnEntry[];
  scale: Scale;
  facts: CommandFacts;
}

/**
 * Checks a lesson column as a whole and lists every refused entry, so a teacher fixes the
 * column once; then returns its events: per entry, the attendance and then the marks.
 */
export function recordColumn(state: JournalState, column: Column): JournalFact[] {
  const policy = policyForMarks(column);
  const columnMarkIds = column.entries.flatMap((e) => e.marks.map((m) => m.markId));
  const errors = column.entries.flatMap((entry, index) =>
    entryErrors(state, { ...column, columnMarkIds }, policy, entry, index),
  );
  if (errors.length > 0) throw refuse.column(errors);
  const weightOf = (workType: string) =>
    policy?.workTypeWeights.find((w) => w.workType === workType)?.weight ?? 1;
  const { lessonId } = column;
  return column.entries.flatMap(({ pupilId, marks, attendance }): JournalFact[] => [
    ...(attendance
      ? [{ type: 'AttendanceRecorded' as const, data: { lessonId, pupilId, status: attendance } }]
      : []),
    ...marks.map((mark) => ({
      type: 'MarkRecorded' as const,
      data: {
        markId: mark.markId,
        lessonId,
        pupilId,
        value: mark.value as JournalMarkValue,
        workType: mark.workType,
        weight: weightOf(mark.workType),
      },
    })),
  ]);
}

type JournalMarkValue = Extract<JournalFact, { type: 'MarkRecorded' }>['data']['value'];

function policyForMarks({ entries, facts }: Column): PolicyFacts | null {
  if (facts.policy === null && entries.some((entry) => entry.marks.length > 0)) {
    throw refuse.precondition('JOURNAL.NO_POLICY', 'The school has no policy in force');
  }
  return facts.policy;
}

function entryErrors(
  state: JournalState,
  column: Column & { columnMarkIds: readonly string[] },
  policy: PolicyFacts | null,
  entry: ColumnEntry,
  index: number,
): EntryError[] {
  const { pupilId, marks, attendance } = entry;
  const errors: EntryError[] = [];
  const fail = (code: JournalCode, detail: string) => errors.push({ pupilId, code, detail });
  const { columnMarkIds } = column;
  const recorded = state.attendance[cellKey(column.lessonId, pupilId)]?.status ?? null;

  if (!column.facts.enrolled.includes(pupilId)) {
    fail('JOURNAL.PUPIL_NOT_ENROLLED', 'The pupil is not in the group on the lesson date');
  }
  if (column.entries.slice(0, index).some((e) => e.pupilId === pupilId)) {
    fail('JOURNAL.DUPLICATE_PUPIL', 'The pupil has two entries in the column');
  }
  if (marks.length === 0 && attendance === null) {
    fail('JOURNAL.EMPTY_ENTRY', 'The entry has neither a mark nor attendance');
  }
  for (const { markId, value, workType } of marks) {
    if (!isOnScale(column.scale, value)) {
      fail('JOURNAL.MARK_OUT_OF_SCALE', `${value} is not on the ${column.scale} scale`);
    }
    if (!policy?.workTypeWeights.some((w) => w.workType === workType)) {
      fail('JOURNAL.UNKNOWN_WORK_TYPE', `The policy has no work type ${workType}`);
    }
    if (state.marks[markId] || columnMarkIds.filter((id) => id === markId).length > 1) {
      fail('JOURNAL.DUPLICATE_MARK_ID', `Mark id ${markId} is already used`);
    }
  }
  if (attendance !== null && recorded !== null) {
    fail('JOURNAL.ATTENDANCE_EXISTS', 'The cell already has attendance: correct it instead');
  }
  const newGrades = marks.some((m) => isGrade(m.value));
  // Looked for only when the entry records an absence: the journal's marks are a year's.
  const recordedGrades = () =>
    Object.values(state.marks).some(
      (m) =>
        m.lessonId === column.lessonId && m.pupilId === pupilId && !m.revoked && isGrade(m.value),
    );
  if (
    (isAbsence(attendance) && (newGrades || recordedGrades())) ||
    (isAbsence(recorded) && newGrades)
  ) {
    fail('JOURNAL.ABSENT_WITH_MARK', 'A pupil absent from the lesson cannot be graded in it');
  }
  return errors;
}
