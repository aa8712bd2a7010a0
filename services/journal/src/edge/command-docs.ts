import { ApiProblem, ApiZodResponse, RequireIdempotencyKey } from '@ejournal/http';
import { applyDecorators } from '@nestjs/common';
import { z } from 'zod';

const recorded = z.array(z.object({ eventId: z.string(), type: z.string(), data: z.unknown() }));

/** What every journal command answers (`answerOf`), as the OpenAPI document shows it. */
export const commandAnswer = z
  .object({
    journalId: z.string(),
    version: z.int().min(1).describe('The stream version: `atLeastVersion` of the grid'),
    events: recorded,
    cells: z
      .array(z.object({ lessonId: z.string(), pupilId: z.string(), revision: z.int() }))
      .describe('Send `revision` back as `expectedCellRevision` to correct the cell'),
  })
  .meta({ id: 'CommandAnswer' });

/** What a command on a class's summary sheet answers (`SummaryCommands.execute`). */
export const sheetAnswer = z
  .object({ streamId: z.string(), classId: z.string(), version: z.int().min(1), events: recorded })
  .meta({ id: 'SheetAnswer' });

/** Journal marks land on the sheet of each pupil's class. */
export const sheetsAnswer = z.object({ sheets: z.array(sheetAnswer) }).meta({ id: 'SheetsAnswer' });

/** `true` only when an answer's type is what its schema describes. */
export type MatchesSchema<T, Schema extends z.ZodType> = [T] extends [z.output<Schema>]
  ? [z.output<Schema>] extends [T]
    ? true
    : false
  : false;

/** The status of each refusal code of the journal domain and the write side. */
const STATUS: Record<string, number> = {
  'JOURNAL.FORBIDDEN': 403,
  'JOURNAL.NOT_ASSIGNED': 403,
  'JOURNAL.NOT_AUTHOR': 403,
  'JOURNAL.CORRECTION_WINDOW_CLOSED': 403,
  'JOURNAL.NOT_FOUND': 404,
  'JOURNAL.LESSON_NOT_FOUND': 404,
  'JOURNAL.MARK_NOT_FOUND': 404,
  'JOURNAL.ATTENDANCE_NOT_FOUND': 404,
  'JOURNAL.SUMMARY_MARK_NOT_FOUND': 404,
  'JOURNAL.UNKNOWN_CLASS': 404,
  'JOURNAL.SEALED': 409,
  'JOURNAL.CONCURRENT_CHANGE': 409,
  'JOURNAL.ALREADY_OPENED': 409,
  'JOURNAL.TEACHER_ALREADY_ASSIGNED': 409,
  'JOURNAL.TEACHER_NOT_ASSIGNED': 409,
  'JOURNAL.LESSON_EXISTS': 409,
  'JOURNAL.SLOT_TAKEN': 409,
  'JOURNAL.LESSON_VOIDED': 409,
  'JOURNAL.PERIOD_CLOSED': 409,
  'JOURNAL.CELL_CHANGED': 409,
  'JOURNAL.MARK_REVOKED': 409,
  'JOURNAL.PERIOD_ALREADY_CLOSED': 409,
  'JOURNAL.PERIOD_NOT_CLOSED': 409,
  'JOURNAL.PERIODS_OPEN': 409,
  'JOURNAL.DECISION_EXISTS': 409,
  'JOURNAL.NO_CALENDAR': 412,
  'JOURNAL.NO_POLICY': 412,
  'JOURNAL.UNKNOWN_SCHOOL': 412,
  'JOURNAL.IDEMPOTENCY_KEY_REUSED': 422,
  'JOURNAL.SUBJECT_REQUIRED': 422,
  'JOURNAL.SCALE_NOT_ALLOWED': 422,
  'JOURNAL.DATE_OUTSIDE_YEAR': 422,
  'JOURNAL.UNKNOWN_GROUP': 422,
  'JOURNAL.GROUP_OF_ANOTHER_YEAR': 422,
  'JOURNAL.DATE_IN_FUTURE': 422,
  'JOURNAL.DATE_OUTSIDE_PERIODS': 422,
  'JOURNAL.HOMEWORK_DUE_BEFORE_LESSON': 422,
  'JOURNAL.COLUMN_REJECTED': 422,
  'JOURNAL.EMPTY_COLUMN': 422,
  'JOURNAL.ORDER_REQUIRED': 422,
  'JOURNAL.NOTHING_TO_CORRECT': 422,
  'JOURNAL.MARK_OUT_OF_SCALE': 422,
  'JOURNAL.UNKNOWN_PERIOD': 422,
  'JOURNAL.PERIOD_NOT_ALLOWED': 422,
  'JOURNAL.PERIOD_REQUIRED': 422,
  'JOURNAL.SUBJECT_MISMATCH': 422,
  'JOURNAL.PUPIL_NOT_ENROLLED': 422,
  'JOURNAL.UNKNOWN_DECISION': 422,
};

/** Refusals of every command on a journal's stream. */
export const ON_JOURNAL = ['JOURNAL.FORBIDDEN', 'JOURNAL.NOT_FOUND', 'JOURNAL.SEALED'];

const EXAMPLE: z.output<typeof commandAnswer> = {
  journalId: '0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c7d',
  version: 7,
  events: [
    {
      eventId: '0190a6b8-6d2f-7b4c-8d2e-3f4a5b6c7d8e',
      type: 'MarkRecorded',
      data: { lessonId: 'lesson-1', pupilId: 'pupil-1', value: '5' },
    },
  ],
  cells: [{ lessonId: 'lesson-1', pupilId: 'pupil-1', revision: 1 }],
};

/**
 * A command on a journal's stream: requires and honours `Idempotency-Key`, answers 201 with what it recorded,
 * and may be refused with the given codes besides the common ones.
 */
export const JournalCommand = (...codes: string[]) =>
  commandDocs(commandAnswer, EXAMPLE, [...ON_JOURNAL, ...codes]);

/** A command on a class's summary sheet (one answer), or on several (`sheets`). */
export const SummaryCommand = (
  answer: typeof sheetAnswer | typeof sheetsAnswer,
  ...codes: string[]
) => commandDocs(answer, undefined, codes);

function commandDocs(answer: z.ZodType, example: unknown, codes: string[]) {
  const byStatus = new Map<number, string[]>();
  for (const code of ['JOURNAL.CONCURRENT_CHANGE', 'JOURNAL.IDEMPOTENCY_KEY_REUSED', ...codes]) {
    const status = STATUS[code];
    if (!status) throw new Error(`No status is known for ${code}`);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    RequireIdempotencyKey(
      'Required (428 without it). Any 8–128 letters, digits or . _ : - (a UUID is a good ' +
        'choice), one per request: a retry with the same key and body gets the first answer ' +
        'and records nothing; the same key with another body is refused (422 ' +
        'JOURNAL.IDEMPOTENCY_KEY_REUSED).',
    ),
    ApiZodResponse(201, answer, 'Recorded: the stream version and its events', example),
    ...[...byStatus].map(([status, list]) => ApiProblem(status, ...list)),
  );
}
