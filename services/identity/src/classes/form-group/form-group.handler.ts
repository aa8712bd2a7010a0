import type { GroupFormed } from '@ejournal/contracts';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { IdentityConfig } from '../../config';
import { CommandRunner } from '../../edge/command-runner';
import type { EventContext } from '../../edge/event-context';
import { IDENTITY_CONFIG } from '../../infrastructure/tokens';
import { runSchoolCommand } from '../../tenancy/run-school-command';

export class FormGroup {
  constructor(
    readonly schoolId: string,
    readonly group: Omit<GroupFormed['data'], 'schoolId'>,
    readonly context: EventContext,
  ) {}
}

@CommandHandler(FormGroup)
export class FormGroupHandler implements ICommandHandler<FormGroup> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute({ schoolId, group, context }: FormGroup) {
    await runSchoolCommand(
      this.runner,
      this.config.IDENTITY_REGION_ID,
      schoolId,
      { type: 'FormGroup', group },
      context,
    );
    return { ...group, schoolId };
  }
}
