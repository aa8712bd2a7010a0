import { enrolmentDecider } from '@ejournal/identity-domain';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '../../edge/command-runner';
import type { EventContext } from '../../edge/event-context';
import { schoolTenant } from '../../tenancy/tenant';
import { PlacementFacts } from '../placement-facts';

/** Enrols a pupil, or transfers one already enrolled elsewhere (`transfer`). */
export class PlacePupil {
  constructor(
    readonly pupilId: string,
    readonly classId: string,
    readonly onDate: string,
    readonly transfer: boolean,
    readonly orderRef: string | null,
    readonly context: EventContext,
  ) {}
}

@CommandHandler(PlacePupil)
export class PlacePupilHandler implements ICommandHandler<PlacePupil> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: PlacementFacts,
  ) {}

  async execute({ pupilId, classId, onDate, transfer, orderRef, context }: PlacePupil) {
    await this.facts.requirePerson(pupilId);
    const target = await this.facts.ofClass(classId);
    const to = { schoolId: target.schoolId, classId: target.classId };
    const type = transfer ? ('TransferPupil' as const) : ('EnrolPupil' as const);
    const command = { type, pupilId, to, onDate, year: target.year, orderRef };
    const { events } = await this.runner.run(
      `enrolment-${pupilId}`,
      enrolmentDecider,
      command,
      schoolTenant(target.regionId, target.schoolId),
      context,
    );
    return { pupilId, ...to, onDate, changed: events.length > 0 };
  }
}
