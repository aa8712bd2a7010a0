import type { CouncilDecisionRecorded, MarkValue } from '@ejournal/contracts';
import { unreachable } from '@ejournal/decider';
import type { SummaryFact } from './journal.events';

export type SummaryKind = 'period' | 'year' | 'exam' | 'final';

/** Which summary mark: a pupil's mark in a subject for a period, the year, an exam or final. */
export interface SummaryCellRef {
  pupilId: string;
  subjectId: string;
  kind: SummaryKind;
  /** Set for period marks only. */
  period: number | null;
}

export interface SummaryCell extends SummaryCellRef {
  value: MarkValue;
  /** The stream version of the cell's last change. */
  revision: number;
}

/** A class's summary grade sheet folded; plain JSON, because the handler snapshots it. */
export interface SummaryState {
  version: number;
  /** `summaryCellKey(cell)` → the cell. */
  cells: Record<string, SummaryCell>;
  decisions: Record<string, CouncilDecisionRecorded['data']>;
}

export const initialSummaryState: SummaryState = { version: 0, cells: {}, decisions: {} };

/** `pupil-1:math:period:2`, or `pupil-1:math:year:-` for cells without a period. */
export const summaryCellKey = ({ pupilId, subjectId, kind, period }: SummaryCellRef) =>
  `${pupilId}:${subjectId}:${kind}:${period ?? '-'}`;

/** The revision a client read the cell at; 0 for a mark never set. */
export const summaryCellRevision = (state: SummaryState, cell: SummaryCellRef) =>
  state.cells[summaryCellKey(cell)]?.revision ?? 0;

export function evolveSummary(previous: SummaryState, fact: SummaryFact): SummaryState {
  return evolveSummaryAll(previous, [fact]);
}

/** One copy of the maps per batch, then entries replaced in order (see `evolveJournalAll`). */
export function evolveSummaryAll(
  previous: SummaryState,
  facts: readonly SummaryFact[],
): SummaryState {
  const state = { ...previous, cells: { ...previous.cells }, decisions: { ...previous.decisions } };
  for (const fact of facts) {
    const version = (state.version += 1);
    switch (fact.type) {
      case 'SummaryMarkSet':
      case 'SummaryMarkCorrected': {
        const { pupilId, subjectId, kind, period } = fact.data;
        const value = fact.type === 'SummaryMarkSet' ? fact.data.value : fact.data.to;
        const cell = { pupilId, subjectId, kind, period, value, revision: version };
        state.cells[summaryCellKey(cell)] = cell;
        break;
      }
      case 'CouncilDecisionRecorded':
        state.decisions[fact.data.decisionId] = fact.data;
        break;
      default:
        unreachable(fact);
    }
  }
  return state;
}
