import { newEventId } from '@ejournal/contracts';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { IdentityConfig } from '../../config';
import { CommandRunner } from '../../edge/command-runner';
import type { EventContext } from '../../edge/event-context';
import { IDENTITY_CONFIG } from '../../infrastructure/tokens';
import { runSchoolCommand } from '../../tenancy/run-school-command';

export class OpenClass {
  constructor(
    readonly schoolId: string,
    readonly klass: { classId?: string; academicYear: string; grade: number; letter: string },
    readonly context: EventContext,
  ) {}
}

@CommandHandler(OpenClass)
export class OpenClassHandler implements ICommandHandler<OpenClass> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute({ schoolId, klass, context }: OpenClass) {
    const opened = { ...klass, classId: klass.classId ?? newEventId() };
    await runSchoolCommand(
      this.runner,
      this.config.IDENTITY_REGION_ID,
      schoolId,
      { type: 'OpenClass', class: opened },
      context,
    );
    return { ...opened, schoolId };
  }
}
