import type { JournalContent } from './journal-content';
import type { SourceEvent } from './source-event';

export interface SummaryCell {
  periods: Record<number, string>;
  year: string | null;
  exam: string | null;
  final: string | null;
}

export interface SummaryContent {
  schoolId: string;
  startYear: number;
  classId: string;
  subjectIds: string[];
  pupilIds: string[];
  /** `pupilId` → `subjectId` → marks. */
  cells: Map<string, Map<string, SummaryCell>>;
  decisions: Map<string, { decision: string; decidedOn: string; orderRef: string }>;
  /** Lessons missed per pupil over the class's journals: all, and of them excused or sick. */
  absences: Map<string, { missed: number; excused: number }>;
  periods: number[];
  version: number;
}

const emptyCell = (): SummaryCell => ({ periods: {}, year: null, exam: null, final: null });

/**
 * Folds a class's summary stream, with the class's journals for the absences, into the summary
 * grade sheet: per pupil and subject the period, year, exam and final marks, and the council's
 * decisions.
 */
export function foldSummary(
  place: { schoolId: string; startYear: number; classId: string },
  events: readonly SourceEvent[],
  journals: readonly JournalContent[],
): SummaryContent {
  const cells = new Map<string, Map<string, SummaryCell>>();
  const decisions: SummaryContent['decisions'] = new Map();
  const subjects = new Set<string>();
  const periods = new Set<number>();
  let version = 0;
  for (const { type, data, streamVersion } of events) {
    version = streamVersion;
    if (type === 'SummaryMarkSet' || type === 'SummaryMarkCorrected') {
      const pupilId = String(data['pupilId']);
      const subjectId = String(data['subjectId']);
      const value = String(type === 'SummaryMarkSet' ? data['value'] : data['to']);
      const row = cells.get(pupilId) ?? new Map<string, SummaryCell>();
      const cell = row.get(subjectId) ?? emptyCell();
      const kind = String(data['kind']);
      if (kind === 'period') {
        const period = Number(data['period']);
        cell.periods[period] = value;
        periods.add(period);
      } else if (kind === 'year' || kind === 'exam' || kind === 'final') cell[kind] = value;
      row.set(subjectId, cell);
      cells.set(pupilId, row);
      subjects.add(subjectId);
    } else if (type === 'CouncilDecisionRecorded') {
      decisions.set(String(data['pupilId']), {
        decision: String(data['decision']),
        decidedOn: String(data['decidedOn']),
        orderRef: String(data['orderRef']),
      });
    }
  }
  const absences = new Map<string, { missed: number; excused: number }>();
  for (const journal of journals) {
    for (const pupils of journal.attendance.values()) {
      for (const [pupilId, status] of pupils) {
        if (status === 'late') continue;
        const count = absences.get(pupilId) ?? { missed: 0, excused: 0 };
        count.missed += 1;
        if (status !== 'absent') count.excused += 1;
        absences.set(pupilId, count);
      }
    }
  }
  const pupils = new Set([
    ...cells.keys(),
    ...decisions.keys(),
    ...journals.flatMap((journal) => journal.pupilIds),
  ]);
  return {
    ...place,
    subjectIds: [...subjects].sort(),
    pupilIds: [...pupils].sort(),
    cells,
    decisions,
    absences,
    periods: [...periods].sort((a, b) => a - b),
    version,
  };
}
