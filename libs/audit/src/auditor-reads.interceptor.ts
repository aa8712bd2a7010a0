import type { AuthRequest } from '@ejournal/auth';
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { from, switchMap, type Observable } from 'rxjs';
import { AuditorReadLog } from './auditor-read-log';

const AUDITOR = 'auditor';

/**
 * Logs every request an auditor's grant let through, before it is answered: if the log cannot
 * be written, the read fails rather than go unlogged. Mounted for the whole application, so the
 * service's own reads (a journal as of an instant) are logged like the audit routes.
 */
@Injectable()
export class AuditorReadsInterceptor implements NestInterceptor {
  constructor(private readonly log: AuditorReadLog) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context
      .switchToHttp()
      .getRequest<AuthRequest & { routeOptions?: { url?: string } }>();
    const grant = request.grant;
    if (!request.principal || grant?.role !== AUDITOR) return next.handle();
    const correlation = request.headers['x-correlation-id'];
    const entry = {
      subject: request.principal.subject,
      role: grant.role,
      grantScope: grant.scope,
      method: request.method,
      route: request.routeOptions?.url ?? request.url.split('?')[0] ?? request.url,
      url: request.url,
      correlationId: typeof correlation === 'string' ? correlation.slice(0, 128) : null,
    };
    return from(this.log.record(entry)).pipe(switchMap(() => next.handle()));
  }
}
