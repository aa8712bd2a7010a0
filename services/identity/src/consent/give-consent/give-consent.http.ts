import type { AuthRequest, Principal } from '@ejournal/auth';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Context, type EventContext } from '../../edge/event-context';
import { INVALID_REQUEST } from '../../edge/fields';
import { consentBody } from '../consent-acts';
import { GiveConsent } from './give-consent.handler';
import { IdentityCommand } from '../../edge/idempotent-replies';

/** The caller consents, for their own data or for a pupil whose guardian they are today. */
@ApiTags('consent')
@Controller('consents')
export class GiveConsentController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @IdentityCommand()
  @HttpCode(200)
  // The operationId published before giving and withdrawing were use cases of their own.
  @ApiOperation({
    operationId: 'consentGive',
    summary: 'Gives a consent, e.g. to diary notifications about one’s child',
  })
  @ApiZodBody(consentBody)
  give(
    @Req() request: AuthRequest,
    @Body(zodPipe(consentBody, INVALID_REQUEST)) consent: z.infer<typeof consentBody>,
    @Context() context: EventContext,
  ) {
    const grantorId = (request.principal as Principal).subject;
    return this.commands.execute(
      new GiveConsent(grantorId, consent.subjectId, consent.purpose, context),
    );
  }
}
