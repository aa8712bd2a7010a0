import { newEventId } from '@ejournal/contracts';
import { grantsDecider, type Role, type StoredScope } from '@ejournal/identity-domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { IdentityConfig } from '../../config';
import { CommandRunner } from '../../edge/command-runner';
import type { EventContext } from '../../edge/event-context';
import { PlacementFacts } from '../../enrolment/placement-facts';
import { IDENTITY_CONFIG } from '../../infrastructure/tokens';
import { tenantOf } from '../../tenancy/tenant';

export const schoolOfScope = (scope: StoredScope) =>
  scope.kind === 'school' ? scope.id : scope.kind === 'class' ? scope.schoolId : null;

export class GrantRole {
  constructor(
    readonly personId: string,
    readonly role: Role,
    readonly scope: StoredScope,
    readonly context: EventContext,
  ) {}
}

/** On `grants-{personId}`, under the scope's school when it has one, else the region. */
@CommandHandler(GrantRole)
export class GrantRoleHandler implements ICommandHandler<GrantRole> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: PlacementFacts,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute({ personId, role, scope, context }: GrantRole) {
    await this.facts.requirePerson(personId);
    const grantId = newEventId();
    const { events } = await this.runner.run(
      `grants-${personId}`,
      grantsDecider,
      { type: 'GrantRole', personId, grantId, role, scope },
      tenantOf(this.config.IDENTITY_REGION_ID, schoolOfScope(scope)),
      context,
    );
    const changed = events.length > 0;
    return { personId, grantId: changed ? grantId : null, role, scope, changed };
  }
}
