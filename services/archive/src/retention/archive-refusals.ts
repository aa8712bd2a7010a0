import { isRefusal, refusalsOf } from '@ejournal/decider';
import { WrongExpectedVersionError } from '@ejournal/event-store';
import { ConflictProblem, problemOfKind, TranslateErrorsInterceptor } from '@ejournal/http';

/** The archive domain's refusals, with stable `ARCHIVE.*` codes. */
export const refuse = refusalsOf('ARCHIVE');

/** Refusals of the retention and disposal deciders become problem details. */
export const archiveErrors = new TranslateErrorsInterceptor((error) => {
  if (isRefusal('ARCHIVE', error)) return problemOfKind(error.kind, error.code, error.message);
  if (error instanceof WrongExpectedVersionError) {
    return new ConflictProblem(
      'ARCHIVE.CONCURRENT_CHANGE',
      'The record kept changing while the command was retried; send it again',
    );
  }
  return error;
});
