import { policyAverage, type AveragingRule } from '@ejournal/decider';

export interface MarkOfYear {
  markId: string;
  journalId: string;
  subjectId: string | null;
  activityKind: string;
  date: string;
  value: string;
  workType: string;
  weight: number;
  corrected: boolean;
}

export interface SummaryOfYear {
  subjectId: string;
  kind: 'period' | 'year' | 'exam' | 'final';
  period: number;
  value: string;
  corrected: boolean;
}

export interface Period {
  number: number;
  startsOn: string;
  endsOn: string;
}

interface PeriodMarks {
  period: number;
  marks: Omit<MarkOfYear, 'subjectId' | 'activityKind'>[];
  average: number | null;
  /** The period mark of the summary sheet, once set. */
  periodMark: { value: string; corrected: boolean } | null;
}

/** A pupil's marks of an academic year by subject (or by journal for activities without one). */
export interface MarksDocument {
  _id: string;
  pupilId: string;
  academicYear: string;
  averaging: AveragingRule | null;
  periods: Period[];
  subjects: {
    subjectId: string | null;
    journalIds: string[];
    activityKind: string;
    periods: PeriodMarks[];
    average: number | null;
    year: { value: string; corrected: boolean } | null;
    exam: { value: string; corrected: boolean } | null;
    final: { value: string; corrected: boolean } | null;
  }[];
  versions: Record<string, number>;
  quarantine: Record<string, string>;
}

const periodOf = (periods: Period[], date: string) =>
  periods.find((period) => period.startsOn <= date && date <= period.endsOn)?.number ?? 0;

/**
 * The year's marks grouped by subject and period, each averaged under the school's rule (none
 * without a policy), with the summary sheet's period, year, exam and final marks beside them.
 * Period 0 holds marks dated outside every period of the calendar.
 */
export function buildMarks(input: {
  pupilId: string;
  academicYear: string;
  averaging: AveragingRule | null;
  periods: Period[];
  marks: MarkOfYear[];
  summary: SummaryOfYear[];
  versions: Record<string, number>;
  quarantine: Record<string, string>;
}): MarksDocument {
  const { averaging, periods } = input;
  const average = (marks: MarkOfYear[]) => (averaging ? policyAverage(marks, averaging) : null);
  const keys = new Set([
    ...input.marks.map((mark) => mark.subjectId ?? `journal:${mark.journalId}`),
    ...input.summary.map((cell) => cell.subjectId),
  ]);
  const subjects = [...keys].sort().map((key) => {
    const marks = input.marks.filter(
      (mark) => (mark.subjectId ?? `journal:${mark.journalId}`) === key,
    );
    const cells = input.summary.filter((cell) => cell.subjectId === key);
    const cell = (kind: SummaryOfYear['kind'], period = 0) => {
      const found = cells.find((each) => each.kind === kind && each.period === period);
      return found ? { value: found.value, corrected: found.corrected } : null;
    };
    const numbers = [
      ...new Set([...periods.map((p) => p.number), ...marks.map((m) => periodOf(periods, m.date))]),
    ];
    return {
      subjectId: key.startsWith('journal:') ? null : key,
      journalIds: [...new Set(marks.map((mark) => mark.journalId))].sort(),
      activityKind: marks[0]?.activityKind ?? 'lesson',
      periods: numbers
        .sort((a, b) => a - b)
        .map((number) => {
          const inPeriod = marks.filter((mark) => periodOf(periods, mark.date) === number);
          return {
            period: number,
            marks: inPeriod.map(({ subjectId: _s, activityKind: _k, ...mark }) => mark),
            average: average(inPeriod),
            periodMark: cell('period', number),
          };
        }),
      average: average(marks),
      year: cell('year'),
      exam: cell('exam'),
      final: cell('final'),
    };
  });
  const { pupilId, academicYear, versions, quarantine } = input;
  return {
    _id: `${pupilId}|${academicYear}`,
    pupilId,
    academicYear,
    averaging,
    periods,
    subjects,
    versions,
    quarantine,
  };
}
