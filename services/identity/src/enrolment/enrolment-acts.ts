import { enrolmentDecider, type EnrolmentCommand } from '@ejournal/identity-domain';
import { ConflictProblem } from '@ejournal/http';
import { Inject, Injectable } from '@nestjs/common';
import type { IdentityConfig } from '../config';
import { CommandRunner } from '../edge/command-runner';
import type { EventContext } from '../edge/event-context';
import { IDENTITY_CONFIG } from '../infrastructure/tokens';
import { schoolTenant } from '../tenancy/tenant';

/** Acts the pupil's current school decides (withdrawal, release), on `enrolment-{pupilId}`. */
@Injectable()
export class EnrolmentActs {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async byCurrentSchool(command: EnrolmentCommand, context: EventContext) {
    const streamId = `enrolment-${command.pupilId}`;
    const { state } = await this.runner.load(streamId, enrolmentDecider);
    const from = state.placement;
    if (!from)
      throw new ConflictProblem('IDENTITY.NOT_ENROLLED', 'The pupil is not enrolled anywhere');
    const tenant = schoolTenant(this.config.IDENTITY_REGION_ID, from.schoolId);
    const { events } = await this.runner.run(streamId, enrolmentDecider, command, tenant, context);
    return { ...from, changed: events.length > 0 };
  }
}
