import { isRefusal } from '@ejournal/decider';
import { IdempotencyKeyReusedError, WrongExpectedVersionError } from '@ejournal/event-store';
import {
  ApiProblem,
  ApiZodResponse,
  ConflictProblem,
  problemOfKind,
  RequireIdempotencyKey,
  TranslateErrorsInterceptor,
  UnprocessableProblem,
} from '@ejournal/http';
import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { PLANNING_STATUS } from '../domain/planning.errors';

function translate(error: unknown): unknown {
  if (isRefusal('PLANNING', error)) {
    const entries = error.entries.length ? { entries: error.entries } : {};
    return problemOfKind(error.kind, error.code, error.message, entries);
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new UnprocessableProblem(
      'PLANNING.IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used with another request body',
    );
  }
  if (error instanceof WrongExpectedVersionError) {
    return new ConflictProblem(
      'PLANNING.CONCURRENT_CHANGE',
      'The plan kept changing while the command was retried; send it again',
    );
  }
  return error;
}

/** Planning refusals become problem details (each conflict under `entries`). */
export const planningErrors = new TranslateErrorsInterceptor(translate);

/** A controller of planning routes: its refusals translated before the journal's. */
export const PlanningErrors = () => UseInterceptors(planningErrors);

const recorded = z.array(z.object({ eventId: z.string(), type: z.string(), data: z.unknown() }));

export const planningAnswer = z
  .object({
    streamId: z.string(),
    version: z.int().min(1),
    events: recorded,
    warnings: z
      .array(
        z.object({
          code: z.literal('PLANNING.HOURS_DIFFER_FROM_CURRICULUM'),
          subjectId: z.string(),
          curriculumHours: z.number(),
          timetableHours: z.number(),
        }),
      )
      .describe('Not refusals: where weekly hours differ from the curriculum plan'),
  })
  .meta({ id: 'PlanningAnswer' });

/**
 * A planning command: requires and honours `Idempotency-Key` (kept with the append), answers
 * 201 with what it recorded, and may be refused with the given codes.
 */
export const PlanningCommand = (...codes: string[]) =>
  planningDocs(
    ApiZodResponse(201, planningAnswer, 'Recorded: the stream version, its events, warnings'),
    codes,
  );

/** An import: 200 with its report (a dry run records nothing), refused as a whole. */
export const PlanningImport = (...codes: string[]) =>
  planningDocs(
    ApiResponse({ status: 200, description: 'What each row does (and did, unless a dry run)' }),
    ['PLANNING.IMPORT_REFUSED', ...codes],
  );

function planningDocs(answer: MethodDecorator & ClassDecorator, codes: string[]) {
  const byStatus = new Map<number, string[]>();
  const all = ['PLANNING.CONCURRENT_CHANGE', 'PLANNING.IDEMPOTENCY_KEY_REUSED', ...codes];
  for (const code of all) {
    const status = PLANNING_STATUS[code] ?? statusOfOther(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    RequireIdempotencyKey(
      'Required (428 without it). Any 8–128 letters, digits or . _ : - (a UUID is a good ' +
        'choice): a retry with the same key and body gets the first answer and records ' +
        'nothing; the same key with another body is 422 PLANNING.IDEMPOTENCY_KEY_REUSED.',
    ),
    answer,
    ...[...byStatus].map(([status, list]) => ApiProblem(status, ...list)),
  );
}

/** Codes of the journal's own refusals a planning route passes on (a substitution's). */
function statusOfOther(code: string): number {
  if (code === 'JOURNAL.FORBIDDEN') return 403;
  if (code === 'JOURNAL.DATE_OUTSIDE_YEAR') return 422;
  throw new Error(`No status is known for ${code}`);
}
