import { CurrentPrincipal, RequireGrant, type Principal } from '@ejournal/auth';
import { ApiProblem, ApiZodBody, ApiZodQuery, ApiZodResponse, zodPipe } from '@ejournal/http';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { DiaryCommand } from '../../edge/diary-command';
import { Wakeups } from '../../infrastructure/wakeups';
import { INVALID_REQUEST } from '../../reads/read-week/read-week.http';
import { MANAGE_WEBHOOK } from '../register-webhook/register-webhook.http';
import { NOT_YOUR_WEBHOOK, WebhookAccess, WEBHOOK_NOT_FOUND } from '../webhook-access';
import { WebhookQueue } from '../webhook-queue';
import {
  deadLetterList,
  deadLettersQuery,
  replayDeadBody,
  replayed,
  replaySinceBody,
} from '../webhook-schemas';

const MANAGERS = ['school_admin', 'regional_operator'] as const;

// An operator's view of one endpoint's failures, and sending again: the dead letters, or
// everything since a point in time (after an outage of the school app, say).
@ApiTags('webhooks')
@Controller('webhooks/:endpointId')
@ApiProblem(403, NOT_YOUR_WEBHOOK)
@ApiProblem(404, WEBHOOK_NOT_FOUND)
export class DeadLettersController {
  constructor(
    private readonly access: WebhookAccess,
    private readonly queue: WebhookQueue,
    private readonly wakeups: Wakeups,
  ) {}

  @Get('dead-letters')
  @RequireGrant(MANAGERS, MANAGE_WEBHOOK)
  @ApiOperation({
    summary: 'Notifications the endpoint never accepted within the retry window, newest first',
  })
  @ApiZodQuery(deadLettersQuery)
  @ApiZodResponse(200, deadLetterList, 'The dead letters')
  async list(
    @Param('endpointId') endpointId: string,
    @Query(zodPipe(deadLettersQuery, INVALID_REQUEST)) query: z.output<typeof deadLettersQuery>,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.access.endpoint(principal, endpointId);
    return { items: await this.queue.deadLetters(endpointId, query.limit, query.before) };
  }

  @Post('dead-letters/replay')
  @HttpCode(200)
  @RequireGrant(MANAGERS, MANAGE_WEBHOOK)
  @DiaryCommand()
  @ApiOperation({ summary: 'Sends dead letters again (these, or all), retried afresh' })
  @ApiZodBody(replayDeadBody, {})
  @ApiZodResponse(200, replayed, 'How many were scheduled')
  async replayDead(
    @Param('endpointId') endpointId: string,
    @Body(zodPipe(replayDeadBody, INVALID_REQUEST)) body: z.output<typeof replayDeadBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.access.endpoint(principal, endpointId);
    const scheduled = await this.queue.replayDead(endpointId, body.notificationIds ?? null);
    this.wakeups.wake();
    return { scheduled };
  }

  @Post('replay')
  @HttpCode(200)
  @RequireGrant(MANAGERS, MANAGE_WEBHOOK)
  @DiaryCommand()
  @ApiOperation({
    summary:
      'Sends again every notification for the endpoint made since `from`, each with the ' +
      'webhook-id it had (receivers drop what they hold)',
  })
  @ApiZodBody(replaySinceBody, { from: '2026-09-08T00:00:00+03:00' })
  @ApiZodResponse(200, replayed, 'How many were scheduled')
  async replaySince(
    @Param('endpointId') endpointId: string,
    @Body(zodPipe(replaySinceBody, INVALID_REQUEST)) body: z.output<typeof replaySinceBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.access.endpoint(principal, endpointId);
    const scheduled = await this.queue.replaySince(endpointId, new Date(body.from));
    this.wakeups.wake();
    return { scheduled };
  }
}
