import { z } from 'zod';
import { calendarDate, freeText, identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';
import { correctionFields } from './correction-fields';
import { markValue } from './mark-recorded.event';

/**
 * Stream `summary-{schoolId}-{startYear}-{classId}`: the class's summary grade sheet, kept
 * 25 years. `period` is set for period marks only.
 */
export const SUMMARY_MARK_KINDS = ['period', 'year', 'exam', 'final'] as const;

const summaryCell = {
  pupilId: identifier,
  subjectId: identifier,
  kind: z.enum(SUMMARY_MARK_KINDS),
  period: z.number().int().min(1).max(4).nullable(),
};

export const SummaryMarkSetV1 = defineEvent({
  type: 'SummaryMarkSet',
  schemaVersion: 1,
  data: z.strictObject({
    ...summaryCell,
    value: markValue,
    /** The journal the mark was set from; null for exam marks set by a commission. */
    journalId: identifier.nullable(),
    policyVersion: z.number().int().min(1),
  }),
});

export const SummaryMarkCorrectedV1 = defineEvent({
  type: 'SummaryMarkCorrected',
  schemaVersion: 1,
  data: z.strictObject({
    ...summaryCell,
    from: markValue,
    to: markValue,
    ...correctionFields,
  }),
});

export const COUNCIL_DECISIONS = [
  'promoted',
  'promoted_conditionally',
  'retained',
  'admitted_to_exams',
  'not_admitted_to_exams',
  'graduated',
] as const;

/** A decision of the teachers' council (педагогический совет) about one pupil. */
export const CouncilDecisionRecordedV1 = defineEvent({
  type: 'CouncilDecisionRecorded',
  schemaVersion: 1,
  data: z.strictObject({
    decisionId: identifier,
    pupilId: identifier,
    decision: z.enum(COUNCIL_DECISIONS),
    decidedOn: calendarDate,
    orderRef: freeText(100),
  }),
});

export type SummaryMarkSet = EventOf<typeof SummaryMarkSetV1>;
export type SummaryMarkCorrected = EventOf<typeof SummaryMarkCorrectedV1>;
export type CouncilDecisionRecorded = EventOf<typeof CouncilDecisionRecordedV1>;
