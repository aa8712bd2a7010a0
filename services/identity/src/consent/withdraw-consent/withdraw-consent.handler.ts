import type { ConsentPurpose } from '@ejournal/identity-domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventContext } from '../../edge/event-context';
import { CLOCK, type Clock } from '../../infrastructure/tokens';
import { ConsentActs } from '../consent-acts';

export class WithdrawConsent {
  constructor(
    readonly grantorId: string,
    readonly subjectId: string,
    readonly purpose: ConsentPurpose,
    readonly context: EventContext,
  ) {}
}

@CommandHandler(WithdrawConsent)
export class WithdrawConsentHandler implements ICommandHandler<WithdrawConsent> {
  constructor(
    private readonly consents: ConsentActs,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ grantorId, subjectId, purpose, context }: WithdrawConsent) {
    const at = this.clock().toISOString();
    const command = { grantorId, subjectId, purpose, at };
    return this.consents.byGrantor({ type: 'WithdrawConsent', ...command }, context);
  }
}
