import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventContext } from '../../edge/event-context';
import { EnrolmentActs } from '../enrolment-acts';
import { PlacementFacts } from '../placement-facts';

export class ReleasePupil {
  constructor(
    readonly pupilId: string,
    readonly release: { onDate: string; toSchoolId: string | null; orderRef: string },
    readonly context: EventContext,
  ) {}
}

/** Decided by the pupil's current school; a destination named must be a known school. */
@CommandHandler(ReleasePupil)
export class ReleasePupilHandler implements ICommandHandler<ReleasePupil> {
  constructor(
    private readonly acts: EnrolmentActs,
    private readonly facts: PlacementFacts,
  ) {}

  async execute({ pupilId, release, context }: ReleasePupil) {
    const { onDate, toSchoolId, orderRef } = release;
    if (toSchoolId) await this.facts.requireSchool(toSchoolId);
    const command = { type: 'ReleasePupil' as const, pupilId, onDate, toSchoolId, orderRef };
    const { schoolId, changed } = await this.acts.byCurrentSchool(command, context);
    return { pupilId, schoolId, toSchoolId, onDate, orderRef, changed };
  }
}
