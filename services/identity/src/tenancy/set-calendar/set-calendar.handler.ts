import type { AcademicCalendar } from '@ejournal/identity-domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { IdentityConfig } from '../../config';
import { CommandRunner } from '../../edge/command-runner';
import type { EventContext } from '../../edge/event-context';
import { IDENTITY_CONFIG } from '../../infrastructure/tokens';
import { runSchoolCommand } from '../run-school-command';

export class SetAcademicCalendar {
  constructor(
    readonly calendar: AcademicCalendar,
    readonly context: EventContext,
  ) {}
}

@CommandHandler(SetAcademicCalendar)
export class SetAcademicCalendarHandler implements ICommandHandler<SetAcademicCalendar> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute({ calendar, context }: SetAcademicCalendar) {
    const { version } = await runSchoolCommand(
      this.runner,
      this.config.IDENTITY_REGION_ID,
      calendar.schoolId,
      { type: 'SetAcademicCalendar', calendar },
      context,
    );
    return { ...calendar, schoolVersion: version };
  }
}
