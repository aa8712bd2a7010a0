import { CurrentPrincipal, RequireGrant, type Principal } from '@ejournal/auth';
import { ApiProblem, ApiZodBody, ApiZodResponse, zodPipe } from '@ejournal/http';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { DiaryCommand } from '../../edge/diary-command';
import { INVALID_REQUEST } from '../../reads/read-week/read-week.http';
import { NOT_YOUR_WEBHOOK, WebhookAccess, WEBHOOK_NOT_FOUND } from '../webhook-access';
import { WebhookEndpoints } from '../webhook-endpoints';
import { rotateSecretBody, webhookView } from '../webhook-schemas';
import { MANAGE_WEBHOOK } from './register-webhook.http';

@ApiTags('webhooks')
@Controller('webhooks/:endpointId/secret')
export class RotateSecretController {
  constructor(
    private readonly endpoints: WebhookEndpoints,
    private readonly access: WebhookAccess,
  ) {}

  @Post()
  @HttpCode(200)
  @RequireGrant(['school_admin', 'regional_operator'], MANAGE_WEBHOOK)
  @DiaryCommand()
  @ApiProblem(403, NOT_YOUR_WEBHOOK)
  @ApiProblem(404, WEBHOOK_NOT_FOUND)
  @ApiOperation({
    summary:
      'Rotates the signing secret: the new one signs from now on, the current one as well ' +
      'for `previousValidForSeconds` (each request carries both signatures meanwhile)',
  })
  @ApiZodBody(rotateSecretBody, {
    secret: 'whsec_pLz0Ob8W1eV2fT3xKq9rS4uV5wX6yZ7a',
    previousValidForSeconds: 86_400,
  })
  @ApiZodResponse(200, webhookView, 'The endpoint with its rotation')
  async rotate(
    @Param('endpointId') endpointId: string,
    @Body(zodPipe(rotateSecretBody, INVALID_REQUEST)) body: z.output<typeof rotateSecretBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.access.endpoint(principal, endpointId);
    await this.endpoints.rotate(endpointId, body.secret, body.previousValidForSeconds);
    return this.access.endpoint(principal, endpointId);
  }
}
