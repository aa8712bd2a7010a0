import { ZERO, type CompletionFigures } from './completion';
import type { CompletionRow } from './completion.query';

const FIGURES = Object.keys(ZERO) as (keyof CompletionFigures)[];
const COLUMNS = ['level', 'id', 'schoolId', 'groupId', 'subjectId', ...FIGURES] as const;

const cell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Rows as a CSV for spreadsheets (`;`, UTF-8 with BOM, CRLF), one header line. */
export function completionCsv(rows: readonly CompletionRow[]): string {
  const lines = [
    COLUMNS.join(';'),
    ...rows.map((row) =>
      COLUMNS.map((column) => cell(row[column as keyof CompletionRow])).join(';'),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
