import { refusalsOf, type RefusalCode, type RefusedEntry } from '@ejournal/decider';

export type JournalCode = RefusalCode<'JOURNAL'>;

/** One pupil's entry refused in a lesson column; the whole column is then refused. */
export interface EntryError extends RefusedEntry<'JOURNAL'> {
  pupilId: string;
}

/** The code of a column refused as a whole, listing every refused entry. */
export const COLUMN_REJECTED = 'JOURNAL.COLUMN_REJECTED';

const refusals = refusalsOf('JOURNAL');

/** The journal domain's refusals, with stable codes like `JOURNAL.PERIOD_CLOSED`. */
export const refuse = {
  ...refusals,
  column: (entries: EntryError[]) =>
    refusals.entries(
      COLUMN_REJECTED,
      `${entries.length} entries of the column were refused; nothing was recorded`,
      entries,
    ),
};
