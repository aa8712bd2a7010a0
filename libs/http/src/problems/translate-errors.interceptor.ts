import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';

/**
 * Turns a service's own errors into problem details (returning any other error unchanged);
 * the one filter in libs/http then sends them. Install with
 * `{ provide: APP_INTERCEPTOR, useValue: new TranslateErrorsInterceptor(translate) }`.
 */
export class TranslateErrorsInterceptor implements NestInterceptor {
  constructor(private readonly translate: (error: unknown) => unknown) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(catchError((error: unknown) => throwError(() => this.translate(error))));
  }
}
