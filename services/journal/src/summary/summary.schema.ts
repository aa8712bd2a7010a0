import { CouncilDecisionRecordedV1, SummaryMarkSetV1, markValue } from '@ejournal/contracts';
import { z } from 'zod';
import { authorisation } from '../corrections/correction.schema';

const set = SummaryMarkSetV1.data.shape;
const marks = z
  .array(z.strictObject({ pupilId: set.pupilId, value: markValue }))
  .min(1)
  .max(60);

export const journalMarks = z.strictObject({
  kind: z.enum(['period', 'year']),
  period: set.period.default(null),
  marks,
});

export const sheetMarks = z.strictObject({
  subjectId: set.subjectId,
  kind: set.kind,
  period: set.period.default(null),
  marks,
});

export const sheetCorrection = authorisation.extend({
  pupilId: set.pupilId,
  subjectId: set.subjectId,
  kind: set.kind,
  period: set.period.default(null),
  value: markValue,
  expectedRevision: z.number().int().min(0),
});

const decision = CouncilDecisionRecordedV1.data;
export const councilDecision = decision.extend({
  decisionId: decision.shape.decisionId.optional(),
});

/** `/summaries/:schoolId/:year/:classId`: `year` is the academic year's first, `2026`. */
export const startYear = z.coerce.number().int().min(2000).max(2100);
export const academicYearOf = (year: number) => `${year}/${year + 1}`;
