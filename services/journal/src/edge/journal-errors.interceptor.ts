import { isRefusal } from '@ejournal/decider';
import { IdempotencyKeyReusedError, WrongExpectedVersionError } from '@ejournal/event-store';
import {
  ConflictProblem,
  problemOfKind,
  TranslateErrorsInterceptor,
  UnprocessableProblem,
} from '@ejournal/http';

function translate(error: unknown): unknown {
  if (isRefusal('JOURNAL', error)) {
    const entries = error.entries.length ? { entries: error.entries } : {};
    return problemOfKind(error.kind, error.code, error.message, entries);
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new UnprocessableProblem(
      'JOURNAL.IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used with another request body',
    );
  }
  if (error instanceof WrongExpectedVersionError) {
    return new ConflictProblem(
      'JOURNAL.CONCURRENT_CHANGE',
      'The journal kept changing while the command was retried; send it again',
    );
  }
  return error;
}

/** The domain's and the store's refusals become problem details (per-pupil `entries` kept). */
export const journalErrors = new TranslateErrorsInterceptor(translate);
