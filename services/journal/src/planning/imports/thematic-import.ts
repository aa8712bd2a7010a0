import { thematicItem } from '@ejournal/contracts';
import { Workbook } from 'exceljs';
import type { ThematicItem } from '../domain/thematic.decider';
import { csvRows, dateCell, tableRows, type RowIssue, type TableRow } from './table-rows';

/** Column names a КТП table may use, Russian or English. */
const ALIASES: Record<string, string> = {
  '№': 'number',
  номер: 'number',
  'номер урока': 'number',
  number: 'number',
  раздел: 'section',
  section: 'section',
  тема: 'topic',
  'тема урока': 'topic',
  topic: 'topic',
  часы: 'hours',
  'кол-во часов': 'hours',
  hours: 'hours',
  дата: 'plannedDate',
  'плановая дата': 'plannedDate',
  date: 'plannedDate',
};

export type PlanRowAction = 'add' | 'change' | 'same' | 'remove';

export interface ThematicImport {
  items: ThematicItem[];
  issues: RowIssue[];
  /** Every row and what it would do to the plan as it stands. */
  rows: { line: number; number: number; action: PlanRowAction }[];
}

export async function thematicRows(format: 'csv' | 'xlsx', content: string): Promise<TableRow[]> {
  if (format === 'csv') return csvRows(content, ALIASES);
  const workbook = new Workbook();
  await workbook.xlsx.load(Buffer.from(content, 'base64') as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const records: string[][] = [];
  sheet?.eachRow({ includeEmpty: false }, (row) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    records.push(values.map((value) => cellText(value)));
  });
  return tableRows(records, ALIASES);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'text' in value)
    return String((value as { text: unknown }).text);
  return String(value);
}

/** The plan a table describes, every faulty row listed, each row's effect on `current`. */
export function readThematicPlan(
  rows: readonly TableRow[],
  current: readonly ThematicItem[],
): ThematicImport {
  const items: ThematicItem[] = [];
  const lines: number[] = [];
  const issues: RowIssue[] = [];
  for (const { line, cells } of rows) {
    const plannedDate = dateCell(cells['plannedDate']);
    const candidate = {
      number: Number(cells['number'] || items.length + 1),
      section: cells['section'] || null,
      topic: cells['topic'] ?? '',
      hours: Number(cells['hours'] || 1),
      plannedDate: plannedDate ?? null,
    };
    const parsed = thematicItem.safeParse(candidate);
    if (plannedDate === undefined) {
      issues.push({
        line,
        code: 'PLANNING.INVALID_DATE',
        detail: `Not a date: ${cells['plannedDate']}`,
      });
    } else if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      issues.push({ line, code: 'PLANNING.INVALID_ROW', detail });
    } else {
      items.push(parsed.data);
      lines.push(line);
    }
  }
  const before = new Map(current.map((item) => [item.number, item]));
  const rowsOut = items.map((item, index) => {
    const old = before.get(item.number);
    const action: PlanRowAction = !old
      ? 'add'
      : JSON.stringify(old) === JSON.stringify(item)
        ? 'same'
        : 'change';
    return { line: lines[index] ?? 0, number: item.number, action };
  });
  const kept = new Set(items.map((item) => item.number));
  const removed = current
    .filter((item) => !kept.has(item.number))
    .map((item) => ({ line: 0, number: item.number, action: 'remove' as const }));
  return { items, issues, rows: [...rowsOut, ...removed] };
}
