import {
  AUTHZ_AUDIT,
  findGrant,
  type AuthRequest,
  type AuthzAudit,
  type Principal,
  type Role,
} from '@ejournal/auth';
import { ForbiddenProblem } from '@ejournal/http';
import { Inject, Injectable } from '@nestjs/common';
import type { IdentityConfig } from '../config';
import { IDENTITY_CONFIG } from '../infrastructure/tokens';

/**
 * The guard's check for routes whose school is known only after a lookup (a pupil's current
 * school, a grant's scope): one of `roles` over the school, or a 403 that is audited.
 */
@Injectable()
export class SchoolAccess {
  constructor(
    @Inject(AUTHZ_AUDIT) private readonly audit: AuthzAudit,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  require(request: AuthRequest, roles: readonly Role[], schoolId: string | null): string {
    const principal = request.principal as Principal;
    const target = { regionId: this.config.IDENTITY_REGION_ID, ...(schoolId ? { schoolId } : {}) };
    const grant = findGrant(principal.grants, roles, target);
    if (grant) return grant.role;
    this.audit.denied({
      subject: principal.subject,
      kind: principal.kind,
      method: request.method,
      url: request.url,
      reason: 'AUTH.OUT_OF_SCOPE',
      required: roles,
      target,
    });
    throw new ForbiddenProblem('AUTH.OUT_OF_SCOPE', 'None of your grants covers this school');
  }
}
