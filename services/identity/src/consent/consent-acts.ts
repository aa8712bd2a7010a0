import { CONSENT_PURPOSES } from '@ejournal/contracts';
import { consentDecider, type ConsentCommand } from '@ejournal/identity-domain';
import { ForbiddenProblem } from '@ejournal/http';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { IdentityConfig } from '../config';
import { CommandRunner } from '../edge/command-runner';
import type { EventContext } from '../edge/event-context';
import { personIdField } from '../edge/fields';
import { IDENTITY_CONFIG } from '../infrastructure/tokens';
import { PersonVisibility } from '../people/person-visibility';
import { regionTenant } from '../tenancy/tenant';

/** What a consent is about: whose data (the grantor's own or a pupil's), for what. */
export const consentBody = z.strictObject({
  subjectId: personIdField,
  purpose: z.enum(CONSENT_PURPOSES),
});

/**
 * A person gives or withdraws consent themself, for their own data or for a pupil whose
 * guardian they are today (stream `consent-{grantorId}`).
 */
@Injectable()
export class ConsentActs {
  constructor(
    private readonly runner: CommandRunner,
    private readonly visibility: PersonVisibility,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async byGrantor(command: ConsentCommand, context: EventContext) {
    const { grantorId, subjectId, purpose } = command;
    if (subjectId !== grantorId && !(await this.visibility.guardsAll(grantorId, [subjectId]))) {
      throw new ForbiddenProblem(
        'IDENTITY.NOT_GUARDIAN',
        'Only the person or a guardian in force may consent for them',
      );
    }
    const { events } = await this.runner.run(
      `consent-${grantorId}`,
      consentDecider,
      command,
      regionTenant(this.config.IDENTITY_REGION_ID),
      context,
    );
    const inForce = command.type === 'GiveConsent';
    return { grantorId, subjectId, purpose, inForce, changed: events.length > 0 };
  }
}
