import type { PeriodFacts } from '@ejournal/journal-domain';
import type { CellState, ColumnState } from '../../read-models/documents/journal-documents';
import type { JournalHeader } from '../journal-header/journal-header';
import { averageOf, type CountedMark } from './average';
import type { GridCell, GridDto, GridLesson, GridPeriod } from './grid.dto';

export interface GridInputs {
  header: JournalHeader;
  /** Every column of the journal, in any order. */
  columns: readonly ColumnState[];
  /** The calendar's periods; empty without a calendar. */
  calendarPeriods: readonly PeriodFacts[];
  /** The period asked for, or null for the whole year. */
  period: PeriodFacts | null;
  /** The periods to average, each with the averaging in force at its end. */
  periods: readonly GridPeriod[];
  /** The group's pupils during the period (or the year), from identity. */
  members: readonly string[];
  includeVoided: boolean;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const within = (date: string, range: { startsOn: string; endsOn: string }) =>
  range.startsOn <= date && date <= range.endsOn;

/** The grid from the journal's columns and identity's facts; the same for live and as-of reads. */
export function buildGrid(input: GridInputs): GridDto {
  const { period, includeVoided } = input;
  const shown = input.columns
    .filter(
      (column) =>
        (period === null || within(column.date, period)) && (includeVoided || !column.voided),
    )
    .sort((a, b) => compare(a.date, b.date) || a.slot - b.slot || compare(a.lessonId, b.lessonId));
  const pupilIds = new Set(input.members);
  for (const column of shown) for (const cell of column.cells) pupilIds.add(cell.pupilId);
  const cellsOf = shown.map((column) => new Map(column.cells.map((cell) => [cell.pupilId, cell])));
  const counted = countedMarks(input.columns, input.periods);
  const pupils = [...pupilIds].sort(compare).map((pupilId) => ({
    pupilId,
    cells: cellsOf.map((cells) => gridCell(cells.get(pupilId))),
    averages: input.periods.map(({ number, averaging }) => ({
      period: number,
      value: averageOf(counted.get(`${pupilId}|${number}`) ?? [], averaging),
    })),
  }));
  return {
    journal: input.header,
    period: period?.number ?? null,
    periods: [...input.periods],
    lessons: shown.map((column) => gridLesson(column, input.calendarPeriods)),
    pupils,
  };
}

/** Marks that count, by `${pupilId}|${period}`: not revoked, of lessons not voided. */
function countedMarks(columns: readonly ColumnState[], periods: readonly GridPeriod[]) {
  const counted = new Map<string, CountedMark[]>();
  for (const column of columns) {
    if (column.voided) continue;
    const period = periods.find((each) => within(column.date, each));
    if (!period) continue;
    for (const cell of column.cells) {
      const key = `${cell.pupilId}|${period.number}`;
      const marks = counted.get(key) ?? [];
      for (const mark of cell.marks) if (!mark.revoked) marks.push(mark);
      counted.set(key, marks);
    }
  }
  return counted;
}

function gridLesson(column: ColumnState, periods: readonly PeriodFacts[]): GridLesson {
  const { lessonId, date, slot, topic, homework, voided } = column;
  return {
    lessonId,
    date,
    slot,
    period: periods.find((period) => within(date, period))?.number ?? null,
    topic,
    homework: homework ? { text: homework.text, dueDate: homework.dueDate } : null,
    voided,
  };
}

function gridCell(cell: CellState | undefined): GridCell | null {
  if (!cell) return null;
  return {
    marks: cell.marks.map(({ markId, value, workType, weight, revoked }) => ({
      markId,
      value,
      workType,
      weight,
      revoked,
    })),
    attendance: cell.attendance,
    revision: cell.revision,
  };
}
