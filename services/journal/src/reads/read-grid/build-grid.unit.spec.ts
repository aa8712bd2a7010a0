import type { CellState, ColumnState } from '../../read-models/documents/journal-documents';
import type { JournalHeader } from '../journal-header/journal-header';
import { CALENDAR_2026 } from '../../read-models/testing/fake-identity-facts';
import { buildGrid, type GridInputs } from './build-grid';
import type { GridPeriod } from './grid.dto';

const header: JournalHeader = {
  journalId: 'j',
  regionId: 'region-1',
  schoolId: 'school-1',
  academicYear: '2026/2027',
  groupId: 'class-7b',
  kind: 'lesson',
  subjectId: 'math',
  scale: 'five_point',
  teachers: [],
  teacherIds: [],
  substitutes: [],
  closedPeriods: [1],
  sealed: false,
  lessonCount: 0,
  version: 0,
  stale: false,
};
const [q1, q2] = CALENDAR_2026.periods;

function column(
  lessonId: string,
  date: string,
  slot: number,
  cells: CellState[],
  voided = false,
): ColumnState {
  return {
    _id: `j|${lessonId}`,
    journalId: 'j',
    lessonId,
    date,
    slot,
    topic: lessonId,
    homework: null,
    voided,
    cells,
  };
}

const cell = (pupilId: string, ...values: [string, number, boolean?][]): CellState => ({
  pupilId,
  marks: values.map(([value, weight, revoked], index) => ({
    markId: `${pupilId}-${index}-${value}`,
    value: value as '5',
    workType: 'classwork',
    weight,
    revoked: revoked ?? false,
  })),
  attendance: null,
  revision: 1,
});

const period = (facts: typeof q1, averaging: GridPeriod['averaging']): GridPeriod => ({
  number: facts?.number ?? 0,
  startsOn: facts?.startsOn ?? '',
  endsOn: facts?.endsOn ?? '',
  closed: false,
  averaging,
  policyVersion: 1,
});

const columns = [
  column('late', '2026-09-10', 1, [cell('pupil-2', ['5', 1])]),
  column('second', '2026-09-03', 3, [cell('pupil-1', ['4', 1], ['2', 1, true])]),
  column('first', '2026-09-03', 1, [cell('pupil-1', ['5', 2]), cell('pupil-3', ['exempt', 1])]),
  column('voided', '2026-09-05', 1, [cell('pupil-1', ['2', 5])], true),
  column('winter', '2026-11-10', 1, [cell('pupil-1', ['3', 1])]),
  column('holiday', '2026-10-30', 1, [cell('pupil-1', ['1', 1])]),
];

const inputs = (overrides: Partial<GridInputs> = {}): GridInputs => ({
  header,
  columns,
  calendarPeriods: CALENDAR_2026.periods,
  period: null,
  periods: [
    period(q1, { method: 'weighted', decimals: 2, rounding: 'half_up' }),
    period(q2, { method: 'arithmetic', decimals: 0, rounding: 'half_even' }),
  ],
  members: ['pupil-4', 'pupil-1'],
  includeVoided: false,
  ...overrides,
});

describe('buildGrid', () => {
  it('orders lessons by date then slot and leaves voided ones out', () => {
    const grid = buildGrid(inputs());
    expect(grid.lessons.map((lesson) => [lesson.lessonId, lesson.period])).toEqual([
      ['first', 1],
      ['second', 1],
      ['late', 1],
      ['holiday', null],
      ['winter', 2],
    ]);
  });

  it('lists the members and whoever has a cell, by id, with cells aligned to the lessons', () => {
    const grid = buildGrid(inputs());
    expect(grid.pupils.map((pupil) => pupil.pupilId)).toEqual([
      'pupil-1',
      'pupil-2',
      'pupil-3',
      'pupil-4',
    ]);
    const pupil1 = grid.pupils[0]?.cells.map(
      (each) => each?.marks.map((mark) => mark.value) ?? null,
    );
    expect(pupil1).toEqual([['5'], ['4', '2'], null, ['1'], ['3']]);
    expect(grid.pupils[3]?.cells).toEqual([null, null, null, null, null]);
  });

  it('averages each period by its own policy, over what counts', () => {
    const grid = buildGrid(inputs());
    // pupil-1, Q1 weighted: (5·2 + 4·1) / 3 = 4.67 (the revoked 2 and the voided lesson do not count)
    // Q2 arithmetic, no decimals: 3; the lesson between the periods counts in neither.
    expect(grid.pupils.map((pupil) => pupil.averages.map((average) => average.value))).toEqual([
      [4.67, 3],
      [5, null],
      [null, null],
      [null, null],
    ]);
  });

  it('cuts the grid to one period, and shows voided lessons when asked', () => {
    const grid = buildGrid(inputs({ period: q2 ?? null, periods: inputs().periods.slice(1) }));
    expect(grid.period).toBe(2);
    expect(grid.lessons.map((lesson) => lesson.lessonId)).toEqual(['winter']);
    expect(grid.pupils.map((pupil) => pupil.pupilId)).toEqual(['pupil-1', 'pupil-4']);
    const all = buildGrid(inputs({ includeVoided: true }));
    expect(all.lessons.map((lesson) => lesson.lessonId)).toContain('voided');
    expect(all.pupils[0]?.averages[0]?.value).toBe(4.67);
  });
});
