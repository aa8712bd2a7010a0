import type { ColumnState, JournalState, MarkCellState } from '../documents/journal-documents';
import { DEPUTY, JournalEvents, recorded } from '../testing/journal-events';
import { ProjectionError, type RecordedJournalStreamEvent } from './journal-event';
import { lessonOf, markToLocate, project, type CurrentDocuments } from './project';

const journal = new JournalEvents('math.7b');
const open = recorded(journal.streamId, [journal.opened()])[0] as RecordedJournalStreamEvent;
const fields = {
  regionId: 'region-91',
  schoolId: 'school-1',
  academicYear: '2026/2027',
  groupId: 'class-7b',
  kind: 'lesson' as const,
  subjectId: 'math',
  scale: 'five_point' as const,
  teachers: [],
  substitutes: [],
  closedPeriods: [],
  sealed: false,
  lessonCount: 1,
};
const opened: JournalState = { _id: 'math.7b', ...fields };
const column: ColumnState = {
  _id: 'math.7b|lesson-1',
  journalId: 'math.7b',
  lessonId: 'lesson-1',
  date: '2026-09-03',
  slot: 2,
  topic: 'Fractions',
  homework: null,
  voided: false,
  cells: [
    {
      pupilId: 'pupil-1',
      marks: [{ markId: 'mark-1', value: '3', workType: 'classwork', weight: 1, revoked: false }],
      attendance: 'absent',
      revision: 5,
    },
  ],
};
const location: MarkCellState = {
  _id: 'math.7b|mark-1',
  journalId: 'math.7b',
  lessonId: 'lesson-1',
  pupilId: 'pupil-1',
};

/** The event as the store returns it, at stream version 9. */
const at9 = (event: ReturnType<JournalEvents['opened']>) =>
  recorded(journal.streamId, [event], 9)[0] as RecordedJournalStreamEvent;

function projected(event: RecordedJournalStreamEvent, current: Partial<CurrentDocuments> = {}) {
  return project(event, { journal: opened, column: null, location: null, ...current });
}

describe('project', () => {
  it('creates the header from JournalOpened, with the tenant region', () => {
    const changes = project(open, { journal: null, column: null, location: null });
    expect(changes).toEqual([
      {
        collection: 'journals',
        docId: 'math.7b',
        order: 'contiguous',
        update: { $set: { ...fields, lessonCount: 0 } },
      },
    ]);
  });

  it('adds a mark to its cell, logs it in the lesson’s history, remembers where the mark lives', () => {
    const event = at9(journal.markRecorded('mark-2', 'lesson-1', 'pupil-1', '5', 2, 'test'));
    const changes = projected(event, { column });
    expect(changes.map((change) => [change.collection, change.docId, change.order])).toEqual([
      ['grid_columns', 'math.7b|lesson-1', 'monotonic'],
      ['cell_history', 'math.7b|lesson-1', 'monotonic'],
      ['mark_cells', 'math.7b|mark-2', 'monotonic'],
      ['journals', 'math.7b', 'contiguous'],
    ]);
    const cells = changes[0]?.update.$set?.['cells'];
    expect(cells).toEqual([
      {
        pupilId: 'pupil-1',
        marks: [
          column.cells[0]?.marks[0],
          { markId: 'mark-2', value: '5', workType: 'test', weight: 2, revoked: false },
        ],
        attendance: 'absent',
        revision: 9,
      },
    ]);
    expect(lastEntry(changes[1])).toMatchObject({
      type: 'MarkRecorded',
      value: '5',
      weight: 2,
    });
    expect(changes[2]?.update).toEqual({
      $set: { journalId: 'math.7b', lessonId: 'lesson-1', pupilId: 'pupil-1' },
    });
    // The header only takes the stream's version.
    expect(changes[3]?.update).toEqual({});
  });

  it('adds a cell for a pupil the column did not have yet', () => {
    const event = at9(journal.attendanceRecorded('lesson-1', 'pupil-2', 'late'));
    const cells = projected(event, { column })[0]?.update.$set?.['cells'] as ColumnState['cells'];
    expect(cells.map((cell) => [cell.pupilId, cell.attendance, cell.revision])).toEqual([
      ['pupil-1', 'absent', 5],
      ['pupil-2', 'late', 9],
    ]);
  });

  it('finds a corrected mark through its location and records who authorised what', () => {
    const recordedMark = journal.markRecorded('mark-1', 'lesson-1', 'pupil-1', '3');
    const why = {
      reason: 'misread',
      authorisedBy: 'deputy-1',
      orderRef: 'order-17',
      policyVersion: 4,
    };
    const event = at9(journal.markCorrected('mark-1', recordedMark, '3', '4', why, DEPUTY));
    expect(markToLocate(event)).toBe('mark-1');
    expect(lessonOf(event, location)).toBe('lesson-1');
    const changes = projected(event, { column, location });
    const cells = changes[0]?.update.$set?.['cells'] as ColumnState['cells'];
    expect(cells[0]?.marks[0]).toMatchObject({ markId: 'mark-1', value: '4', revoked: false });
    expect(cells[0]?.revision).toBe(9);
    expect(lastEntry(changes[1])).toMatchObject({
      type: 'MarkCorrected',
      actorId: 'deputy-1',
      actorRole: 'deputy_head',
      from: '3',
      value: '4',
      reason: 'misread',
      authorisedBy: 'deputy-1',
      orderRef: 'order-17',
      policyVersion: 4,
      streamVersion: 9,
    });
    expect(changes.map((change) => change.collection)).toEqual([
      'grid_columns',
      'cell_history',
      'journals',
    ]);
  });

  it('marks a revoked mark and keeps it in the cell', () => {
    const event = at9(journal.markRevoked('mark-1', { reason: 'wrong pupil' }));
    const cells = projected(event, { column, location })[0]?.update.$set?.[
      'cells'
    ] as ColumnState['cells'];
    expect(cells[0]?.marks).toEqual([
      { markId: 'mark-1', value: '3', workType: 'classwork', weight: 1, revoked: true },
    ]);
  });

  it('refuses a correction of a mark it cannot locate', () => {
    const event = at9(journal.markRevoked('mark-404', { reason: 'gone' }));
    expect(() => projected(event, { column })).toThrow(ProjectionError);
  });

  it('clears attendance corrected to present', () => {
    const event = at9(
      journal.attendanceCorrected('lesson-1', 'pupil-1', 'absent', 'present', {
        reason: 'mistake',
      }),
    );
    const cells = projected(event, { column })[0]?.update.$set?.['cells'] as ColumnState['cells'];
    expect(cells[0]).toMatchObject({ attendance: null, revision: 9 });
  });

  it('voids a lesson: the column says so and the header counts one lesson less', () => {
    const changes = projected(at9(journal.lessonVoided('lesson-1', { reason: 'wrong date' })), {
      column,
    });
    expect(changes[0]?.update.$set).toMatchObject({ voided: true, cells: column.cells });
    expect(changes[1]).toMatchObject({
      collection: 'journals',
      update: { $set: { lessonCount: 0 } },
    });
  });

  it("lists the journal among the teacher's, for assignments and substitutions", () => {
    for (const event of [
      at9(journal.teacherAssigned('teacher-1', '2026-09-01')),
      at9(journal.substituteAssigned('teacher-1', '2026-09-10', 3)),
    ]) {
      const changes = projected(event);
      expect(changes[0]).toEqual({
        collection: 'teacher_journals',
        docId: 'teacher-1',
        update: { $addToSet: { journalIds: 'math.7b' } },
        order: 'monotonic',
      });
    }
    const unassigned = projected(at9(journal.teacherUnassigned('teacher-1', '2026-10-01')), {
      journal: {
        ...opened,
        teachers: [{ teacherId: 'teacher-1', fromDate: '2026-09-01', toDate: null }],
      },
    });
    expect(unassigned).toHaveLength(1);
    expect(unassigned[0]?.update.$set?.['teachers']).toEqual([
      { teacherId: 'teacher-1', fromDate: '2026-09-01', toDate: '2026-10-01' },
    ]);
  });

  it('refuses an event of a journal never opened', () => {
    const event = at9(journal.periodClosed(1));
    expect(() => project(event, { journal: null, column: null, location: null })).toThrow(
      ProjectionError,
    );
  });

  it('writes neither bookkeeping nor _id into the documents', () => {
    const stored = { ...opened, versions: { 'journal-math%2E7b': 8 }, quarantine: {} };
    const [change] = projected(at9(journal.periodClosed(2)), { journal: stored });
    expect(Object.keys(change?.update.$set ?? {})).not.toEqual(expect.arrayContaining(['_id']));
    expect(change?.update.$set).not.toHaveProperty('versions');
    expect(change?.update.$set).toMatchObject({ closedPeriods: [2] });
  });
});

/** The entry a cell event adds to its lesson's history (the change sets the whole history). */
function lastEntry(change: { update: { $set?: Record<string, unknown> } } | undefined) {
  return (change?.update.$set?.['entries'] as unknown[] | undefined)?.at(-1);
}
