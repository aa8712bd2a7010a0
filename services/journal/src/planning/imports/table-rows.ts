import { parse } from 'csv-parse/sync';

/** A row of an imported table, with its 1-based line (the header is line 1). */
export interface TableRow {
  line: number;
  cells: Record<string, string>;
}

/** One fault of an imported file or row: every one is reported, nothing is applied. */
export interface RowIssue {
  line: number;
  code: string;
  detail: string;
}

/**
 * A CSV of Russian spreadsheets (`;` or `,`, UTF-8 with or without BOM) as rows keyed by the
 * header's column names, lower-cased and trimmed, mapped through `aliases` to their fields.
 */
export function csvRows(content: string, aliases: Readonly<Record<string, string>>): TableRow[] {
  const text = content.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter =
    (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records = parse(text, {
    delimiter,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  }) as string[][];
  return tableRows(records, aliases);
}

/** Rows of a table whose first row names the columns. */
export function tableRows(
  records: readonly (readonly string[])[],
  aliases: Readonly<Record<string, string>>,
): TableRow[] {
  const [header = [], ...body] = records;
  const fields = header.map((name) => aliases[name.trim().toLocaleLowerCase('ru')] ?? null);
  return body.map((record, index) => {
    const cells: Record<string, string> = {};
    fields.forEach((field, column) => {
      if (field) cells[field] = (record[column] ?? '').trim();
    });
    return { line: index + 2, cells };
  });
}

/** `2026-09-01` or `01.09.2026` as an ISO date; null when empty; undefined when malformed. */
export function dateCell(value: string | undefined): string | null | undefined {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const russian = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  if (!russian) return undefined;
  const [, day = '', month = '', year = ''] = russian;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
