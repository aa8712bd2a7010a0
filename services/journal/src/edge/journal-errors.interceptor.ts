import { IdempotencyKeyReusedError, WrongExpectedVersionError } from '@ejournal/event-store';
import {
  ConflictProblem,
  ForbiddenProblem,
  NotFoundProblem,
  PreconditionFailedProblem,
  Problem,
  UnprocessableProblem,
} from '@ejournal/http';
import { JournalError } from '@ejournal/journal-domain';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';

export function toProblem(error: JournalError): Problem {
  const { code, message } = error;
  switch (error.kind) {
    case 'forbidden':
      return new ForbiddenProblem(code, message);
    case 'not_found':
      return new NotFoundProblem(code, message);
    case 'conflict':
      return new ConflictProblem(code, message);
    case 'precondition':
      return new PreconditionFailedProblem(code, message);
    case 'unprocessable':
      return new UnprocessableProblem(
        code,
        message,
        error.entries.length ? { entries: error.entries } : {},
      );
  }
}

function translate(error: unknown): unknown {
  if (error instanceof JournalError) return toProblem(error);
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

/** The domain's refusals become problem details; the one filter in libs/http sends them. */
@Injectable()
export class JournalErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => translate(error))));
  }
}
