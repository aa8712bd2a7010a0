import { guardianshipDecider, type GuardianshipCommand } from '@ejournal/identity-domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { IdentityConfig } from '../../config';
import { CommandRunner } from '../../edge/command-runner';
import type { EventContext } from '../../edge/event-context';
import { PlacementFacts } from '../../enrolment/placement-facts';
import { IDENTITY_CONFIG } from '../../infrastructure/tokens';
import { tenantOf } from '../../tenancy/tenant';
import { PupilSchool } from '../pupil-school';

/** A link made, restricted or ended (`LinkGuardian`, `RestrictGuardianship`, `EndGuardianship`). */
export class ChangeGuardianship {
  constructor(
    readonly command: GuardianshipCommand,
    readonly context: EventContext,
  ) {}
}

/**
 * Guardianship acts on `guardianship-{pupilId}`, decided by the pupil's school (or a regional
 * operator, for a pupil not enrolled anywhere): the routes declare it, this runs the act.
 */
@CommandHandler(ChangeGuardianship)
export class ChangeGuardianshipHandler implements ICommandHandler<ChangeGuardianship> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly pupils: PupilSchool,
    private readonly facts: PlacementFacts,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute({ command, context }: ChangeGuardianship) {
    await this.facts.requirePerson(command.pupilId);
    await this.facts.requirePerson(command.guardianId);
    const schoolId = await this.pupils.of(command.pupilId);
    const { events } = await this.runner.run(
      `guardianship-${command.pupilId}`,
      guardianshipDecider,
      command,
      tenantOf(this.config.IDENTITY_REGION_ID, schoolId),
      context,
    );
    return { pupilId: command.pupilId, guardianId: command.guardianId, changed: events.length > 0 };
  }
}
