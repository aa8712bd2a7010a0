import type { PolicyDraft } from '@ejournal/identity-domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { IdentityConfig } from '../../config';
import { CommandRunner } from '../../edge/command-runner';
import type { EventContext } from '../../edge/event-context';
import { IDENTITY_CONFIG } from '../../infrastructure/tokens';
import { runSchoolCommand } from '../run-school-command';

export class PublishPolicy {
  constructor(
    readonly schoolId: string,
    readonly policy: PolicyDraft,
    readonly context: EventContext,
  ) {}
}

@CommandHandler(PublishPolicy)
export class PublishPolicyHandler implements ICommandHandler<PublishPolicy> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute({ schoolId, policy, context }: PublishPolicy) {
    const { events } = await runSchoolCommand(
      this.runner,
      this.config.IDENTITY_REGION_ID,
      schoolId,
      { type: 'PublishPolicy', policy },
      context,
    );
    const published = events.find((event) => event.type === 'SchoolPolicyPublished');
    return { published: published !== undefined, policy: published?.data ?? null };
  }
}
