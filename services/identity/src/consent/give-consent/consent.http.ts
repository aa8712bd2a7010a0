import type { AuthRequest, Principal } from '@ejournal/auth';
import { CONSENT_PURPOSES, newEventId } from '@ejournal/contracts';
import { consentDecider } from '@ejournal/identity-domain';
import { ApiZodBody, ForbiddenProblem, zodPipe } from '@ejournal/http';
import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { IdentityConfig } from '../../config';
import { CommandRunner } from '../../edge/command-runner';
import { Context, type EventContext } from '../../edge/event-context';
import { INVALID_REQUEST, personIdField } from '../../edge/fields';
import { CLOCK, IDENTITY_CONFIG, type Clock } from '../../infrastructure/tokens';
import { PersonVisibility } from '../../people/person-visibility';
import { regionTenant } from '../../tenancy/tenant';

const body = z.strictObject({ subjectId: personIdField, purpose: z.enum(CONSENT_PURPOSES) });

/**
 * A person gives or withdraws consent themself, for their own data or for a pupil whose
 * guardian they are today (stream `consent-{grantorId}`).
 */
@ApiTags('consent')
@Controller('consents')
export class ConsentController {
  constructor(
    private readonly runner: CommandRunner,
    private readonly visibility: PersonVisibility,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Gives a consent, e.g. to diary notifications about one’s child' })
  @ApiZodBody(body)
  give(
    @Req() request: AuthRequest,
    @Body(zodPipe(body, INVALID_REQUEST)) consent: z.infer<typeof body>,
    @Context() context: EventContext,
  ) {
    return this.decide(request, consent, true, context);
  }

  @Post('withdrawal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraws a consent; what it allowed stops at once' })
  @ApiZodBody(body)
  withdraw(
    @Req() request: AuthRequest,
    @Body(zodPipe(body, INVALID_REQUEST)) consent: z.infer<typeof body>,
    @Context() context: EventContext,
  ) {
    return this.decide(request, consent, false, context);
  }

  private async decide(
    request: AuthRequest,
    { subjectId, purpose }: z.infer<typeof body>,
    give: boolean,
    context: EventContext,
  ) {
    const grantorId = (request.principal as Principal).subject;
    if (subjectId !== grantorId && !(await this.visibility.guardsAll(grantorId, [subjectId]))) {
      throw new ForbiddenProblem(
        'IDENTITY.NOT_GUARDIAN',
        'Only the person or a guardian in force may consent for them',
      );
    }
    const at = this.clock().toISOString();
    const command = give
      ? { type: 'GiveConsent' as const, grantorId, subjectId, purpose, consentId: newEventId(), at }
      : { type: 'WithdrawConsent' as const, grantorId, subjectId, purpose, at };
    const { events } = await this.runner.run(
      `consent-${grantorId}`,
      consentDecider,
      command,
      regionTenant(this.config.IDENTITY_REGION_ID),
      context,
    );
    return { grantorId, subjectId, purpose, inForce: give, changed: events.length > 0 };
  }
}
