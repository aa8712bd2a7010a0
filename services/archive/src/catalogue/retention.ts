/**
 * Retention classes (R7): a journal is kept 5 years, a class's summary grade sheet 25, both
 * counted from the end of the school year, 31 August of its second calendar year (the school
 * year runs from 1 September). The disposition date is the last day of the period: the record
 * may be disposed of, under an approved act, from the day after.
 */
export const RETENTION_CLASSES = {
  journal: { retentionClass: 'journal-5y', years: 5 },
  summary_sheet: { retentionClass: 'summary-sheet-25y', years: 25 },
} as const;

export type RecordKind = keyof typeof RETENTION_CLASSES;

export interface Retention {
  retentionClass: string;
  years: number;
  /** The end of the school year, `YYYY-MM-DD`. */
  countedFrom: string;
  dispositionDate: string;
}

export function retentionOf(kind: RecordKind, startYear: number): Retention {
  const { retentionClass, years } = RETENTION_CLASSES[kind];
  const endYear = startYear + 1;
  return {
    retentionClass,
    years,
    countedFrom: `${endYear}-08-31`,
    dispositionDate: `${endYear + years}-08-31`,
  };
}
