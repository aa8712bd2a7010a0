import type { RosterRow, RowIssue } from './roster-row';

/** The per-row report of an import: errors stop it, warnings are shown with the result. */
export class IssueLog {
  readonly errors: RowIssue[] = [];
  readonly warnings: RowIssue[] = [];

  error(
    row: RosterRow,
    code: RowIssue['code'],
    message: string,
    column: RowIssue['column'] = null,
  ) {
    this.errors.push({ line: row.line, key: row.key, column, code, message });
  }

  warn(row: RosterRow, code: RowIssue['code'], message: string, column: RowIssue['column'] = null) {
    this.warnings.push({ line: row.line, key: row.key, column, code, message });
  }
}
