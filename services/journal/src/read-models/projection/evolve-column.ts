import {
  columnId,
  type CellState,
  type ColumnState,
  type MarkCellState,
  type MarkState,
} from '../documents/journal-documents';
import {
  journalIdOf,
  ProjectionError,
  unhandled,
  type CellEvent,
  type LessonEvent,
} from './journal-event';

type Located = Pick<MarkCellState, 'lessonId' | 'pupilId'>;

/**
 * The lesson column after a lesson or cell event. `location` is where the corrected or
 * revoked mark lives (those events name only the mark). Copies only the cell it changes.
 */
export function evolveColumn(
  column: ColumnState | null,
  event: LessonEvent | CellEvent,
  location: Located | null,
): ColumnState {
  if (event.type === 'LessonHeld') {
    const { lessonId, date, slot, topic, homework } = event.data;
    const journalId = journalIdOf(event.streamId);
    const _id = columnId(journalId, lessonId);
    return { _id, journalId, lessonId, date, slot, topic, homework, voided: false, cells: [] };
  }
  if (!column) throw new ProjectionError(event, `${event.type} of a lesson never held`);
  const version = event.streamVersion;
  switch (event.type) {
    case 'LessonEdited':
      return { ...column, topic: event.data.topic, homework: event.data.homework };
    case 'LessonVoided':
      return { ...column, voided: true };
    case 'MarkRecorded': {
      const { markId, value, workType, weight } = event.data;
      const mark: MarkState = { markId, value, workType, weight, revoked: false };
      return withCell(column, event.data.pupilId, version, (cell) => ({
        ...cell,
        marks: [...cell.marks, mark],
      }));
    }
    case 'MarkCorrected':
    case 'MarkRevoked': {
      if (!location) throw new ProjectionError(event, `unknown mark ${event.data.markId}`);
      const { markId } = event.data;
      const change: Partial<MarkState> =
        event.type === 'MarkCorrected' ? { value: event.data.value } : { revoked: true };
      return withCell(column, location.pupilId, version, (cell) => {
        if (!cell.marks.some((mark) => mark.markId === markId)) {
          throw new ProjectionError(event, `mark ${markId} is not in its cell`);
        }
        const marks = cell.marks.map((mark) =>
          mark.markId === markId ? { ...mark, ...change } : mark,
        );
        return { ...cell, marks };
      });
    }
    case 'AttendanceRecorded':
      return withCell(column, event.data.pupilId, version, (cell) => ({
        ...cell,
        attendance: event.data.status,
      }));
    case 'AttendanceCorrected': {
      const { to } = event.data;
      return withCell(column, event.data.pupilId, version, (cell) => ({
        ...cell,
        attendance: to === 'present' ? null : to,
      }));
    }
    default:
      return unhandled(event);
  }
}

function withCell(
  column: ColumnState,
  pupilId: string,
  revision: number,
  change: (cell: CellState) => CellState,
): ColumnState {
  const index = column.cells.findIndex((cell) => cell.pupilId === pupilId);
  const cells = [...column.cells];
  const before = cells[index] ?? { pupilId, marks: [], attendance: null, revision };
  const after = { ...change(before), revision };
  if (index === -1) cells.push(after);
  else cells[index] = after;
  return { ...column, cells };
}
