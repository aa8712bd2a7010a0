import { scopeContains, type Principal } from '@ejournal/auth';
import { ForbiddenProblem, NotFoundProblem } from '@ejournal/http';
import { Inject, Injectable } from '@nestjs/common';
import type { DiaryConfig } from '../config';
import { DIARY_CONFIG } from '../infrastructure/tokens';
import { WebhookEndpoints, type WebhookEndpoint } from './webhook-endpoints';

export const WEBHOOK_NOT_FOUND = 'DIARY.WEBHOOK_NOT_FOUND';
export const NOT_YOUR_WEBHOOK = 'DIARY.NOT_YOUR_WEBHOOK';

/**
 * Who manages an endpoint: a regional operator of the region, or a school administrator of
 * every school it serves (an administrator of some of them only is refused, 403).
 */
@Injectable()
export class WebhookAccess {
  constructor(
    private readonly endpoints: WebhookEndpoints,
    @Inject(DIARY_CONFIG) private readonly config: DiaryConfig,
  ) {}

  /** The schools the caller administers; null when she manages every endpoint of the region. */
  managedSchools(principal: Principal): string[] | null {
    if (this.isRegionalOperator(principal)) return null;
    return principal.grants.flatMap((grant) =>
      grant.role === 'school_admin' && grant.scope.kind === 'school' ? [grant.scope.id] : [],
    );
  }

  async endpoint(principal: Principal, endpointId: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.find(endpointId);
    if (!endpoint) throw new NotFoundProblem(WEBHOOK_NOT_FOUND, 'There is no such webhook');
    const schools = this.managedSchools(principal);
    if (schools && !endpoint.schoolIds.every((school) => schools.includes(school)))
      throw new ForbiddenProblem(
        NOT_YOUR_WEBHOOK,
        'The webhook serves schools the caller does not administer',
      );
    return endpoint;
  }

  private isRegionalOperator(principal: Principal): boolean {
    return principal.grants.some(
      (grant) =>
        grant.role === 'regional_operator' &&
        scopeContains(grant.scope, { regionId: this.config.REGION_ID }),
    );
  }
}
