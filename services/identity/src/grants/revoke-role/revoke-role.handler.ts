import { grantsDecider } from '@ejournal/identity-domain';
import { NotFoundProblem } from '@ejournal/http';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { IdentityConfig } from '../../config';
import { CommandRunner } from '../../edge/command-runner';
import type { EventContext } from '../../edge/event-context';
import { IDENTITY_CONFIG } from '../../infrastructure/tokens';
import { tenantOf } from '../../tenancy/tenant';
import { GrantQuery } from './grant-query';

export class RevokeRole {
  constructor(
    readonly personId: string,
    readonly grantId: string,
    readonly context: EventContext,
  ) {}
}

/** Only a grant in force is revoked, under the school its scope lies in (else the region). */
@CommandHandler(RevokeRole)
export class RevokeRoleHandler implements ICommandHandler<RevokeRole> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly grants: GrantQuery,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute({ personId, grantId, context }: RevokeRole) {
    const grant = await this.grants.inForce(personId, grantId);
    if (!grant) throw new NotFoundProblem('IDENTITY.UNKNOWN_GRANT', 'No such grant in force');
    await this.runner.run(
      `grants-${personId}`,
      grantsDecider,
      { type: 'RevokeRole', personId, grantId },
      tenantOf(this.config.IDENTITY_REGION_ID, grant.school_id),
      context,
    );
    return { personId, grantId, revoked: true };
  }
}
