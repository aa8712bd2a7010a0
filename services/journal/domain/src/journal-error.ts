/** How the edge answers: 403, 404, 409, 412 or 422. */
export type JournalErrorKind =
  'forbidden' | 'not_found' | 'conflict' | 'precondition' | 'unprocessable';

export type JournalCode = `JOURNAL.${string}`;

/** One pupil's entry refused in a lesson column; the whole column is then refused. */
export interface EntryError {
  pupilId: string;
  code: JournalCode;
  detail: string;
}

/** A refusal of the journal domain, with a stable code like `JOURNAL.PERIOD_CLOSED`. */
export class JournalError extends Error {
  constructor(
    readonly code: JournalCode,
    readonly kind: JournalErrorKind,
    message: string,
    /** Set for `JOURNAL.COLUMN_REJECTED`: every refused entry, per pupil. */
    readonly entries: EntryError[] = [],
  ) {
    super(message);
    this.name = 'JournalError';
  }
}

export const refuse = {
  forbidden: (code: JournalCode, message: string) => new JournalError(code, 'forbidden', message),
  notFound: (code: JournalCode, message: string) => new JournalError(code, 'not_found', message),
  conflict: (code: JournalCode, message: string) => new JournalError(code, 'conflict', message),
  precondition: (code: JournalCode, message: string) =>
    new JournalError(code, 'precondition', message),
  unprocessable: (code: JournalCode, message: string) =>
    new JournalError(code, 'unprocessable', message),
  column: (entries: EntryError[]) =>
    new JournalError(
      'JOURNAL.COLUMN_REJECTED',
      'unprocessable',
      `${entries.length} entries of the column were refused; nothing was recorded`,
      entries,
    ),
};
