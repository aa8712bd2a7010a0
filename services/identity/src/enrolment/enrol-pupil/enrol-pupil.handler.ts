import { enrolmentDecider } from '@ejournal/identity-domain';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '../../edge/command-runner';
import type { EventContext } from '../../edge/event-context';
import { schoolTenant } from '../../tenancy/tenant';
import type { ClassFacts } from '../placement-facts';

/** Enrols a pupil, or transfers one already enrolled elsewhere (`transfer`). */
export class PlacePupil {
  constructor(
    readonly pupilId: string,
    readonly target: ClassFacts,
    readonly onDate: string,
    readonly transfer: boolean,
    readonly orderRef: string | null,
    readonly context: EventContext,
  ) {}
}

@CommandHandler(PlacePupil)
export class PlacePupilHandler implements ICommandHandler<PlacePupil> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ pupilId, target, onDate, transfer, orderRef, context }: PlacePupil) {
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
