import { COUNCIL_DECISIONS, type CouncilDecisionRecorded } from '@ejournal/contracts';
import { unreachable, type Decider } from '@ejournal/decider';
import type { SummaryCommand } from './journal.commands';
import type { SummaryFact } from './journal.events';
import { refuse } from './journal.errors';
import { AUTHORISERS, requireRole } from './roles';
import { correctSummaryMark, setSummaryMarks } from './summary.decide-marks';
import {
  evolveSummary,
  evolveSummaryAll,
  initialSummaryState,
  type SummaryState,
} from './summary.state';

type Decision = CouncilDecisionRecorded['data']['decision'];

const isDecision = (decision: string): decision is Decision =>
  (COUNCIL_DECISIONS as readonly string[]).includes(decision);

function recordCouncilDecision(
  command: Extract<SummaryCommand, { type: 'RecordCouncilDecision' }>,
  state: SummaryState,
): SummaryFact[] {
  const { decisionId, pupilId, decision, decidedOn, orderRef, facts } = command;
  requireRole(facts.caller, AUTHORISERS, "record the council's decisions");
  if (state.decisions[decisionId]) {
    throw refuse.conflict('JOURNAL.DECISION_EXISTS', `Decision ${decisionId} is recorded`);
  }
  if (!isDecision(decision)) {
    throw refuse.unprocessable('JOURNAL.UNKNOWN_DECISION', `No council decision ${decision}`);
  }
  if (!facts.enrolled.includes(pupilId)) {
    throw refuse.unprocessable('JOURNAL.PUPIL_NOT_ENROLLED', 'The pupil is not in the class');
  }
  return [
    {
      type: 'CouncilDecisionRecorded',
      data: { decisionId, pupilId, decision, decidedOn, orderRef },
    },
  ];
}

/** Stream `summary-{schoolId}-{startYear}-{classId}`: a class's summary grade sheet. */
export const summaryDecider: Decider<SummaryCommand, SummaryFact, SummaryState> = {
  decide(command, state) {
    switch (command.type) {
      case 'SetSummaryMarks':
        return setSummaryMarks(command, state);
      case 'CorrectSummaryMark':
        return correctSummaryMark(command, state);
      case 'RecordCouncilDecision':
        return recordCouncilDecision(command, state);
      default:
        return unreachable(command);
    }
  },
  evolve: evolveSummary,
  evolveAll: evolveSummaryAll,
  initialState: initialSummaryState,
};
