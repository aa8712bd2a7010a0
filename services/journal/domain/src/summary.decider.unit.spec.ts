import { fold } from '@ejournal/decider';
import { specify } from './testing/journal-spec';
import type { JournalFacts, SummaryCommand } from './journal.commands';
import type { SummaryFact } from './journal.events';
import type { CommandFacts } from './journal.facts';
import {
  ADMIN,
  DEPUTY,
  HEAD,
  KINDS,
  OUTSIDER,
  TEACHER,
  factsOf,
  policy,
} from './testing/journal.fixtures';
import { summaryDecider } from './summary.decider';
import { summaryCellRevision } from './summary.state';

const { given } = specify(summaryDecider, KINDS);

type SetMarks = Extract<SummaryCommand, { type: 'SetSummaryMarks' }>;
type CorrectMark = Extract<SummaryCommand, { type: 'CorrectSummaryMark' }>;

const mathJournal: JournalFacts = {
  journalId: 'journal-1',
  subjectId: 'math',
  scale: 'five_point',
  callerTeaches: true,
  closedPeriods: [1],
};

const setMarks = (more: Partial<SetMarks> = {}): SetMarks => ({
  type: 'SetSummaryMarks',
  facts: factsOf(TEACHER),
  journal: mathJournal,
  subjectId: 'math',
  kind: 'period',
  period: 1,
  marks: [
    { pupilId: 'pupil-1', value: '5' },
    { pupilId: 'pupil-2', value: '4' },
  ],
  ...more,
});

const markSet = (
  pupilId: string,
  value: '4' | '5' | 'pass' | 'exempt',
  more: Partial<Extract<SummaryFact, { type: 'SummaryMarkSet' }>['data']> = {},
): SummaryFact => ({
  type: 'SummaryMarkSet',
  data: {
    ...{ pupilId, subjectId: 'math', kind: 'period', period: 1, value },
    ...{ journalId: 'journal-1', policyVersion: 3, ...more },
  },
});

const correct = (facts: CommandFacts, more: Partial<CorrectMark> = {}): CorrectMark => ({
  type: 'CorrectSummaryMark',
  facts,
  pupilId: 'pupil-1',
  subjectId: 'math',
  kind: 'period',
  period: 1,
  value: '4',
  expectedRevision: 1,
  reason: 'counted wrongly',
  orderRef: 'order-21',
  ...more,
});

const decide = (more: Partial<Extract<SummaryCommand, { type: 'RecordCouncilDecision' }>> = {}) =>
  ({
    type: 'RecordCouncilDecision',
    facts: factsOf(HEAD),
    decisionId: 'decision-1',
    pupilId: 'pupil-1',
    decision: 'promoted',
    decidedOn: '2027-05-28',
    orderRef: 'order-30',
    ...more,
  }) as const;

describe('an empty summary sheet', () => {
  it("has the subject's teacher set first-quarter marks from the journal", () =>
    given([])
      .when(setMarks())
      .then([markSet('pupil-1', '5'), markSet('pupil-2', '4')]));

  it('has a manager who does not teach the subject set year marks', () =>
    given([])
      .when(
        setMarks({
          facts: factsOf(ADMIN),
          journal: { ...mathJournal, callerTeaches: false },
          kind: 'year',
          period: null,
          marks: [{ pupilId: 'pupil-1', value: 'exempt' }],
        }),
      )
      .then([markSet('pupil-1', 'exempt', { kind: 'year', period: null })]));

  it('has a deputy head set exam marks without a journal', () =>
    given([])
      .when(setMarks({ facts: factsOf(DEPUTY), journal: null, kind: 'exam', period: null }))
      .then([
        markSet('pupil-1', '5', { kind: 'exam', period: null, journalId: null }),
        markSet('pupil-2', '4', { kind: 'exam', period: null, journalId: null }),
      ]));

  it('sets pass marks from a pass/fail journal', () =>
    given([])
      .when(
        setMarks({
          journal: { ...mathJournal, scale: 'pass_fail' },
          marks: [{ pupilId: 'pupil-1', value: 'pass' }],
        }),
      )
      .then([markSet('pupil-1', 'pass')]));

  it('refuses JOURNAL.PERIOD_REQUIRED to a period mark without its period', () =>
    given([])
      .when(setMarks({ period: null }))
      .thenRefuses('JOURNAL.PERIOD_REQUIRED'));

  it('refuses JOURNAL.PERIOD_NOT_ALLOWED to a year mark naming a period', () =>
    given([])
      .when(setMarks({ kind: 'year', period: 4 }))
      .thenRefuses('JOURNAL.PERIOD_NOT_ALLOWED'));

  it('refuses JOURNAL.NOT_FOUND to period marks without a journal', () =>
    given([])
      .when(setMarks({ journal: null }))
      .thenRefuses('JOURNAL.NOT_FOUND'));

  it('refuses JOURNAL.SUBJECT_MISMATCH to marks in another subject than the journal’s', () =>
    given([])
      .when(setMarks({ subjectId: 'physics' }))
      .thenRefuses('JOURNAL.SUBJECT_MISMATCH'));

  it('refuses JOURNAL.NOT_ASSIGNED to a teacher who does not teach the subject', () =>
    given([])
      .when(
        setMarks({ facts: factsOf(OUTSIDER), journal: { ...mathJournal, callerTeaches: false } }),
      )
      .thenRefuses('JOURNAL.NOT_ASSIGNED'));

  it('refuses JOURNAL.FORBIDDEN to a teacher setting final marks', () =>
    given([])
      .when(setMarks({ kind: 'final', period: null }))
      .thenRefuses('JOURNAL.FORBIDDEN'));

  it('refuses JOURNAL.NO_POLICY without a policy', () =>
    given([])
      .when(setMarks({ facts: factsOf(TEACHER, { policy: null }) }))
      .thenRefuses('JOURNAL.NO_POLICY'));

  it('refuses JOURNAL.EMPTY_COLUMN to no marks', () =>
    given([])
      .when(setMarks({ marks: [] }))
      .thenRefuses('JOURNAL.EMPTY_COLUMN'));

  it('refuses JOURNAL.COLUMN_REJECTED listing every pupil at fault', () =>
    given([])
      .when(
        setMarks({
          marks: [
            { pupilId: 'pupil-1', value: '5' },
            { pupilId: 'pupil-77', value: '4' },
            { pupilId: 'pupil-2', value: 'pass' },
            { pupilId: 'pupil-1', value: '4' },
          ],
        }),
      )
      .thenRefusesEntries([
        { pupilId: 'pupil-77', code: 'JOURNAL.PUPIL_NOT_ENROLLED' },
        { pupilId: 'pupil-2', code: 'JOURNAL.MARK_OUT_OF_SCALE' },
        { pupilId: 'pupil-1', code: 'JOURNAL.DUPLICATE_PUPIL' },
      ]));

  it('refuses JOURNAL.MARK_OUT_OF_SCALE to a pass for an exam', () =>
    given([])
      .when(
        setMarks({
          facts: factsOf(HEAD),
          journal: null,
          kind: 'exam',
          period: null,
          marks: [{ pupilId: 'pupil-1', value: 'pass' }],
        }),
      )
      .thenRefusesEntries([{ pupilId: 'pupil-1', code: 'JOURNAL.MARK_OUT_OF_SCALE' }]));

  it('refuses JOURNAL.SUMMARY_MARK_NOT_FOUND to correcting a mark never set', () =>
    given([])
      .when(correct(factsOf(HEAD)))
      .thenRefuses('JOURNAL.SUMMARY_MARK_NOT_FOUND'));

  it("records the teachers' council decision", () =>
    given([])
      .when(decide())
      .then([
        {
          type: 'CouncilDecisionRecorded',
          data: {
            ...{ decisionId: 'decision-1', pupilId: 'pupil-1', decision: 'promoted' },
            ...{ decidedOn: '2027-05-28', orderRef: 'order-30' },
          },
        },
      ]));

  it('refuses JOURNAL.FORBIDDEN to the school admin recording a decision', () =>
    given([])
      .when(decide({ facts: factsOf(ADMIN) }))
      .thenRefuses('JOURNAL.FORBIDDEN'));

  it('refuses JOURNAL.UNKNOWN_DECISION', () =>
    given([])
      .when(decide({ decision: 'expelled' }))
      .thenRefuses('JOURNAL.UNKNOWN_DECISION'));

  it('refuses JOURNAL.PUPIL_NOT_ENROLLED to a decision about a pupil of another class', () =>
    given([])
      .when(decide({ pupilId: 'pupil-77' }))
      .thenRefuses('JOURNAL.PUPIL_NOT_ENROLLED'));
});

describe('a sheet with first-quarter marks set', () => {
  const history = [markSet('pupil-1', '5'), markSet('pupil-2', '4')];

  it('refuses JOURNAL.SUMMARY_MARK_EXISTS to setting a mark again: correct it instead', () =>
    given(history)
      .when(
        setMarks({
          marks: [
            { pupilId: 'pupil-2', value: '5' },
            { pupilId: 'pupil-3', value: '4' },
          ],
        }),
      )
      .thenRefusesEntries([{ pupilId: 'pupil-2', code: 'JOURNAL.SUMMARY_MARK_EXISTS' }]));

  it('sets the second-quarter marks beside them', () =>
    given(history)
      .when(setMarks({ period: 2, marks: [{ pupilId: 'pupil-1', value: '4' }] }))
      .then([markSet('pupil-1', '4', { period: 2 })]));

  it('has the head correct a mark under an order', () =>
    given(history)
      .when(correct(factsOf(HEAD)))
      .then([
        {
          type: 'SummaryMarkCorrected',
          data: {
            ...{
              pupilId: 'pupil-1',
              subjectId: 'math',
              kind: 'period',
              period: 1,
              from: '5',
              to: '4',
            },
            ...{
              reason: 'counted wrongly',
              authorisedBy: HEAD,
              orderRef: 'order-21',
              policyVersion: 3,
            },
          },
        },
      ]));

  it('refuses JOURNAL.FORBIDDEN to the teacher correcting a summary mark', () =>
    given(history)
      .when(correct(factsOf(TEACHER)))
      .thenRefuses('JOURNAL.FORBIDDEN'));

  it('refuses JOURNAL.CELL_CHANGED to a correction read at another revision', () =>
    given(history)
      .when(correct(factsOf(DEPUTY), { pupilId: 'pupil-2', value: '3', expectedRevision: 1 }))
      .thenRefuses('JOURNAL.CELL_CHANGED'));

  it('refuses JOURNAL.NOTHING_TO_CORRECT to the same value', () =>
    given(history)
      .when(correct(factsOf(HEAD), { value: '5' }))
      .thenRefuses('JOURNAL.NOTHING_TO_CORRECT'));

  it('refuses JOURNAL.MARK_OUT_OF_SCALE to a pass in place of a five-point mark', () =>
    given(history)
      .when(correct(factsOf(HEAD), { value: 'pass' }))
      .thenRefuses('JOURNAL.MARK_OUT_OF_SCALE'));

  it('refuses JOURNAL.ORDER_REQUIRED to a correction without an order', () =>
    given(history)
      .when(correct(factsOf(HEAD), { orderRef: null }))
      .thenRefuses('JOURNAL.ORDER_REQUIRED'));

  it('corrects without an order where the policy requires none', () =>
    given(history)
      .when(
        correct(factsOf(HEAD, { policy: { ...policy, orderRequired: false } }), { orderRef: null }),
      )
      .then([
        {
          type: 'SummaryMarkCorrected',
          data: {
            ...{
              pupilId: 'pupil-1',
              subjectId: 'math',
              kind: 'period',
              period: 1,
              from: '5',
              to: '4',
            },
            ...{ reason: 'counted wrongly', authorisedBy: HEAD, orderRef: null, policyVersion: 3 },
          },
        },
      ]));

  it('refuses JOURNAL.PERIOD_REQUIRED to a correction of a period mark without the period', () =>
    given(history)
      .when(correct(factsOf(HEAD), { period: null }))
      .thenRefuses('JOURNAL.PERIOD_REQUIRED'));
});

describe('a sheet with a decision recorded', () => {
  const history: SummaryFact[] = [
    {
      type: 'CouncilDecisionRecorded',
      data: {
        ...{ decisionId: 'decision-1', pupilId: 'pupil-1', decision: 'promoted' },
        ...{ decidedOn: '2027-05-28', orderRef: 'order-30' },
      },
    },
  ];

  it('refuses JOURNAL.DECISION_EXISTS to its id used again', () =>
    given(history)
      .when(decide({ pupilId: 'pupil-2' }))
      .thenRefuses('JOURNAL.DECISION_EXISTS'));

  it('records another decision', () =>
    given(history)
      .when(decide({ decisionId: 'decision-2', pupilId: 'pupil-2', decision: 'retained' }))
      .then([
        {
          type: 'CouncilDecisionRecorded',
          data: {
            ...{ decisionId: 'decision-2', pupilId: 'pupil-2', decision: 'retained' },
            ...{ decidedOn: '2027-05-28', orderRef: 'order-30' },
          },
        },
      ]));
});

describe('the folded summary state', () => {
  const history: SummaryFact[] = [
    markSet('pupil-1', '5'),
    markSet('pupil-1', '4', { kind: 'year', period: null }),
    {
      type: 'SummaryMarkCorrected',
      data: {
        ...{ pupilId: 'pupil-1', subjectId: 'math', kind: 'period', period: 1, from: '5', to: '4' },
        ...{ reason: 'r', authorisedBy: HEAD, orderRef: 'o', policyVersion: 3 },
      },
    },
  ];
  const state = fold(summaryDecider, history);

  it('counts every event and revises a cell at its last change', () => {
    expect(state.version).toBe(3);
    const cell = { pupilId: 'pupil-1', subjectId: 'math', kind: 'period', period: 1 } as const;
    expect(summaryCellRevision(state, cell)).toBe(3);
    expect(summaryCellRevision(state, { ...cell, kind: 'year', period: null })).toBe(2);
    expect(summaryCellRevision(state, { ...cell, period: 2 })).toBe(0);
    expect(state.cells['pupil-1:math:period:1']?.value).toBe('4');
  });

  it('folds on from a JSON snapshot at any version as from the events', () => {
    for (let at = 0; at <= history.length; at += 1) {
      const restored = JSON.parse(JSON.stringify(fold(summaryDecider, history.slice(0, at))));
      expect(fold(summaryDecider, history.slice(at), restored)).toEqual(state);
    }
  });
});
