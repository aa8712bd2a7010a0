import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import type { IdentityConfig } from '../../config';
import { CommandRunner } from '../../edge/command-runner';
import type { EventContext } from '../../edge/event-context';
import { APP_POOL, IDENTITY_CONFIG } from '../../infrastructure/tokens';
import { runSchoolCommand } from '../run-school-command';

export class RegisterSchool {
  constructor(
    readonly school: { schoolId: string; municipalityId: string; timeZone: string },
    readonly context: EventContext,
  ) {}
}

@CommandHandler(RegisterSchool)
export class RegisterSchoolHandler implements ICommandHandler<RegisterSchool> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute({ school, context }: RegisterSchool) {
    const regionId = this.config.IDENTITY_REGION_ID;
    const { rowCount } = await this.pool.query(
      'SELECT 1 FROM identity.municipalities WHERE municipality_id = $1 AND region_id = $2',
      [school.municipalityId, regionId],
    );
    const data = { ...school, regionId };
    await runSchoolCommand(
      this.runner,
      regionId,
      school.schoolId,
      { type: 'RegisterSchool', school: data, municipalityKnown: rowCount === 1 },
      context,
    );
    return data;
  }
}
