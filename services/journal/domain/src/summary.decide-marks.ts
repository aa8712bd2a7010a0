import type { MarkValue } from '@ejournal/contracts';
import type { SummaryCommand } from './journal.commands';
import type { SummaryFact } from './journal.events';
import type { CommandFacts } from './journal.facts';
import { refuse, type EntryError, type JournalCode } from './journal.errors';
import { policyOf, requireOrder } from './journal.guards';
import { isMarkValue, isOnScale, scaleOfValue, type Scale } from './mark-scales';
import { AUTHORISERS, holdsAny, MANAGERS, requireRole } from './roles';
import { summaryCellKey, type SummaryCellRef, type SummaryState } from './summary.state';

type Command<T extends SummaryCommand['type']> = Extract<SummaryCommand, { type: T }>;

/** Period marks name their period; year, exam and final marks name none. */
export function requirePeriodFits({ kind, period }: Pick<SummaryCellRef, 'kind' | 'period'>) {
  if (kind === 'period' && period === null) {
    throw refuse.unprocessable('JOURNAL.PERIOD_REQUIRED', 'A period mark names its period');
  }
  if (kind !== 'period' && period !== null) {
    throw refuse.unprocessable('JOURNAL.PERIOD_NOT_ALLOWED', `A ${kind} mark names no period`);
  }
}

/** Period and year marks come from a journal of the subject, on its scale, by its teacher. */
function scaleFor(command: Command<'SetSummaryMarks'>, facts: CommandFacts): Scale {
  const { journal, kind, subjectId } = command;
  if (kind === 'exam' || kind === 'final') {
    requireRole(facts.caller, AUTHORISERS, `set ${kind} marks`);
    return 'five_point';
  }
  if (journal === null) throw refuse.notFound('JOURNAL.NOT_FOUND', 'No journal of the subject');
  if (journal.subjectId !== subjectId) {
    throw refuse.unprocessable(
      'JOURNAL.SUBJECT_MISMATCH',
      `Journal ${journal.journalId} is not a journal of ${subjectId}`,
    );
  }
  if (!journal.callerTeaches && !holdsAny(facts.caller, MANAGERS)) {
    throw refuse.forbidden('JOURNAL.NOT_ASSIGNED', 'The caller does not teach the subject');
  }
  return journal.scale;
}

export function setSummaryMarks(
  command: Command<'SetSummaryMarks'>,
  state: SummaryState,
): SummaryFact[] {
  const { subjectId, kind, period, marks, facts } = command;
  requirePeriodFits(command);
  const scale = scaleFor(command, facts);
  const { policyVersion } = policyOf(facts);
  if (marks.length === 0) {
    throw refuse.unprocessable('JOURNAL.EMPTY_COLUMN', 'The column has no marks');
  }
  const errors = marks.flatMap(({ pupilId, value }, index): EntryError[] => {
    const fail = (code: JournalCode, detail: string) => ({ pupilId, code, detail });
    return [
      !facts.enrolled.includes(pupilId) &&
        fail('JOURNAL.PUPIL_NOT_ENROLLED', 'The pupil is not in the class'),
      !isOnScale(scale, value) &&
        fail('JOURNAL.MARK_OUT_OF_SCALE', `${value} is not on the ${scale} scale`),
      state.cells[summaryCellKey({ pupilId, subjectId, kind, period })] !== undefined &&
        fail('JOURNAL.SUMMARY_MARK_EXISTS', 'The mark is already set: correct it instead'),
      marks.slice(0, index).some((m) => m.pupilId === pupilId) &&
        fail('JOURNAL.DUPLICATE_PUPIL', 'The pupil has two marks in the column'),
    ].filter((error): error is EntryError => error !== false);
  });
  if (errors.length > 0) throw refuse.column(errors);
  const journalId = command.journal?.journalId ?? null;
  return marks.map(({ pupilId, value }) => ({
    type: 'SummaryMarkSet',
    data: { pupilId, subjectId, kind, period, value: value as MarkValue, journalId, policyVersion },
  }));
}

/** A corrected value stays on the scale of the value it replaces. */
function fitsCell(previous: string, value: string): boolean {
  const scale = scaleOfValue(previous);
  return scale === null ? isMarkValue(value) : isOnScale(scale, value);
}

export function correctSummaryMark(
  command: Command<'CorrectSummaryMark'>,
  state: SummaryState,
): SummaryFact[] {
  const { pupilId, subjectId, kind, period, value, reason, orderRef, facts } = command;
  requireRole(facts.caller, AUTHORISERS, 'correct summary marks');
  requirePeriodFits(command);
  const policy = policyOf(facts);
  const cell = state.cells[summaryCellKey(command)];
  if (!cell) throw refuse.notFound('JOURNAL.SUMMARY_MARK_NOT_FOUND', 'The mark was never set');
  if (cell.revision !== command.expectedRevision) {
    throw refuse.conflict('JOURNAL.CELL_CHANGED', 'Someone changed the mark since it was read');
  }
  if (cell.value === value) {
    throw refuse.unprocessable('JOURNAL.NOTHING_TO_CORRECT', `The mark is already ${value}`);
  }
  if (!fitsCell(cell.value, value)) {
    throw refuse.unprocessable('JOURNAL.MARK_OUT_OF_SCALE', `${value} does not fit the mark`);
  }
  requireOrder(policy, orderRef);
  const to = value as MarkValue;
  const authorisedBy = facts.caller.userId;
  const { policyVersion } = policy;
  return [
    {
      type: 'SummaryMarkCorrected',
      data: {
        pupilId,
        subjectId,
        kind,
        period,
        from: cell.value,
        to,
        reason,
        authorisedBy,
        orderRef,
        policyVersion,
      },
    },
  ];
}
