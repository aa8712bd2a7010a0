import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import {
  ConflictProblem,
  ForbiddenProblem,
  NotFoundProblem,
  PreconditionFailedProblem,
  Problem,
  UnprocessableProblem,
  ValidationProblem,
} from '@ejournal/http';
import { IdentityError } from '@ejournal/identity-domain';
import { catchError, Observable, throwError } from 'rxjs';

export function toProblem(error: IdentityError): Problem {
  const { code, message } = error;
  switch (error.kind) {
    case 'validation':
      return new ValidationProblem(code, message);
    case 'forbidden':
      return new ForbiddenProblem(code, message);
    case 'not_found':
      return new NotFoundProblem(code, message);
    case 'conflict':
      return new ConflictProblem(code, message);
    case 'precondition':
      return new PreconditionFailedProblem(code, message);
    case 'unprocessable':
      return new UnprocessableProblem(code, message);
  }
}

/** The domain's refusals become problem details; the one filter in libs/http sends them. */
@Injectable()
export class IdentityErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          throwError(() => (error instanceof IdentityError ? toProblem(error) : error)),
        ),
      );
  }
}
