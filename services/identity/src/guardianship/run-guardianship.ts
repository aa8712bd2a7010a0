import { guardianshipDecider, type GuardianshipCommand } from '@ejournal/identity-domain';
import { Inject, Injectable } from '@nestjs/common';
import type { IdentityConfig } from '../config';
import { CommandRunner } from '../edge/command-runner';
import type { EventContext } from '../edge/event-context';
import { IDENTITY_CONFIG } from '../infrastructure/tokens';
import { PlacementFacts } from '../enrolment/placement-facts';
import { schoolTenant, regionTenant } from '../tenancy/tenant';
import { PupilSchool } from './pupil-school';

/**
 * Guardianship acts on `guardianship-{pupilId}`, decided by the pupil's school (or a regional
 * operator, for a pupil not enrolled anywhere): the routes declare it, this runs the act.
 */
@Injectable()
export class GuardianshipCommands {
  constructor(
    private readonly runner: CommandRunner,
    private readonly pupils: PupilSchool,
    private readonly facts: PlacementFacts,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async run(command: GuardianshipCommand, context: EventContext) {
    await this.facts.requirePerson(command.pupilId);
    await this.facts.requirePerson(command.guardianId);
    const schoolId = await this.pupils.of(command.pupilId);
    const regionId = this.config.IDENTITY_REGION_ID;
    const tenant = schoolId ? schoolTenant(regionId, schoolId) : regionTenant(regionId);
    const { events } = await this.runner.run(
      `guardianship-${command.pupilId}`,
      guardianshipDecider,
      command,
      tenant,
      context,
    );
    return { pupilId: command.pupilId, guardianId: command.guardianId, changed: events.length > 0 };
  }
}
