import type { AuthRequest, Principal } from '@ejournal/auth';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Context, type EventContext } from '../../edge/event-context';
import { INVALID_REQUEST } from '../../edge/fields';
import { consentBody } from '../consent-acts';
import { WithdrawConsent } from './withdraw-consent.handler';
import { IdentityCommand } from '../../edge/idempotent-replies';

/** The caller withdraws a consent they gave; what it allowed stops at once. */
@ApiTags('consent')
@Controller('consents')
export class WithdrawConsentController {
  constructor(private readonly commands: CommandBus) {}

  @Post('withdrawal')
  @IdentityCommand()
  @HttpCode(200)
  // The operationId published before giving and withdrawing were use cases of their own.
  @ApiOperation({
    operationId: 'consentWithdraw',
    summary: 'Withdraws a consent; what it allowed stops at once',
  })
  @ApiZodBody(consentBody)
  withdraw(
    @Req() request: AuthRequest,
    @Body(zodPipe(consentBody, INVALID_REQUEST)) consent: z.infer<typeof consentBody>,
    @Context() context: EventContext,
  ) {
    const grantorId = (request.principal as Principal).subject;
    return this.commands.execute(
      new WithdrawConsent(grantorId, consent.subjectId, consent.purpose, context),
    );
  }
}
