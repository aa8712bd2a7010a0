import type { WITHDRAWAL_REASONS } from '@ejournal/contracts';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventContext } from '../../edge/event-context';
import { EnrolmentActs } from '../enrolment-acts';

export class WithdrawPupil {
  constructor(
    readonly pupilId: string,
    readonly onDate: string,
    readonly reason: (typeof WITHDRAWAL_REASONS)[number],
    readonly context: EventContext,
  ) {}
}

/** Withdrawal is decided by the pupil's current school. */
@CommandHandler(WithdrawPupil)
export class WithdrawPupilHandler implements ICommandHandler<WithdrawPupil> {
  constructor(private readonly acts: EnrolmentActs) {}

  async execute({ pupilId, onDate, reason, context }: WithdrawPupil) {
    const command = { type: 'WithdrawPupil' as const, pupilId, onDate, reason };
    const { schoolId } = await this.acts.byCurrentSchool(command, context);
    return { pupilId, schoolId, onDate, reason };
  }
}
