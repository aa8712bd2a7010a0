import { Logger } from '@nestjs/common';
import type { Principal } from './access-token';
import type { Role, ScopeTarget } from './grants';

export const AUTHZ_AUDIT = Symbol('AUTHZ_AUDIT');

/** A valid token asked for something outside its grants. */
export interface DeniedAccess {
  subject: string;
  kind: Principal['kind'];
  method: string;
  url: string;
  /** Why: `AUTH.ROLE_REQUIRED`, `AUTH.OUT_OF_SCOPE`, or a service's own reason. */
  reason: string;
  /** The code the caller was answered: the reason, or an unknown id's (`JOURNAL.NOT_FOUND`). */
  answered?: string;
  required?: readonly Role[];
  target?: ScopeTarget;
}

export interface AuthzAudit {
  denied(event: DeniedAccess): void;
}

/** Denials go to the JSON log as one `authz.denied` line each (ids only, no names). */
export class LoggingAuthzAudit implements AuthzAudit {
  private readonly logger = new Logger('authz');

  denied(event: DeniedAccess): void {
    this.logger.warn({ message: 'authz.denied', ...event });
  }
}
