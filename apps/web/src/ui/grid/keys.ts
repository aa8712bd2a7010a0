import type { Attendance, MarkValue } from '../../api/journal';

/** What a key pressed on the grid asks for. */
export type Intent =
  | { kind: 'move'; rows: number; columns: number }
  | { kind: 'edge'; to: 'first' | 'last' }
  | { kind: 'mark'; value: MarkValue }
  | { kind: 'attendance'; status: Attendance }
  | { kind: 'open' }
  | { kind: 'undo' };

const MOVES: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

// Н — absent, Б — sick, У — excused (уважительная), О — late (опоздал). The physical key is
// read too, so a teacher on the Latin layout presses the same keys.
const ATTENDANCE_KEYS: Record<string, Attendance> = {
  н: 'absent',
  б: 'sick',
  у: 'excused',
  о: 'late',
};
const ATTENDANCE_CODES: Record<string, Attendance> = {
  KeyY: 'absent',
  Comma: 'sick',
  KeyE: 'excused',
  KeyJ: 'late',
};

export interface KeyPress {
  key: string;
  code?: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The spreadsheet's keys: arrows, Home/End, digits, Н/Б/У/О, Enter, Ctrl+Z. */
export function intentOf(press: KeyPress, scale: string): Intent | null {
  const command = press.ctrlKey || press.metaKey;
  if (command && (press.key === 'z' || press.key === 'я' || press.code === 'KeyZ'))
    return { kind: 'undo' };
  if (command || press.altKey) return null;
  const move = MOVES[press.key];
  if (move) return { kind: 'move', rows: move[0], columns: move[1] };
  if (press.key === 'Home') return { kind: 'edge', to: 'first' };
  if (press.key === 'End') return { kind: 'edge', to: 'last' };
  if (press.key === 'Enter' || press.key === 'F2') return { kind: 'open' };
  if (scale === 'five_point' && /^[1-5]$/.test(press.key))
    return { kind: 'mark', value: press.key as MarkValue };
  if (scale === 'pass_fail' && (press.key === '+' || press.key === '-'))
    return { kind: 'mark', value: press.key === '+' ? 'pass' : 'fail' };
  const status = ATTENDANCE_KEYS[press.key.toLowerCase()] ?? ATTENDANCE_CODES[press.code ?? ''];
  if (status) return { kind: 'attendance', status };
  return null;
}

/** The cell after a move, kept inside the grid. */
export function moved(
  at: { row: number; column: number },
  intent: Intent,
  size: { rows: number; columns: number },
): { row: number; column: number } {
  const clamp = (value: number, count: number) => Math.max(0, Math.min(count - 1, value));
  if (intent.kind === 'move')
    return {
      row: clamp(at.row + intent.rows, size.rows),
      column: clamp(at.column + intent.columns, size.columns),
    };
  if (intent.kind === 'edge')
    return { row: at.row, column: intent.to === 'first' ? 0 : Math.max(0, size.columns - 1) };
  return at;
}
