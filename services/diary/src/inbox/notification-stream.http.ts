import { CurrentPrincipal, type Principal } from '@ejournal/auth';
import { ValidationProblem } from '@ejournal/http';
import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { INVALID_REQUEST } from '../reads/read-week/read-week.http';
import { LiveStreams } from './live-streams';
import { NotificationInbox } from './notification-inbox';

@ApiTags('notifications')
@Controller('me/notifications/stream')
export class NotificationStreamController {
  constructor(
    private readonly streams: LiveStreams,
    private readonly inbox: NotificationInbox,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Server-Sent Events: the caller’s notifications as they are made (`event: notification`, ' +
      '`id` = the notification’s `id` in GET /me/notifications, `data` = DiaryNotification.v1); ' +
      'comments as heartbeats; ends when the token expires. Reconnect with Last-Event-ID to ' +
      'get what came meanwhile',
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The last `id` received: the stream resumes after it (else: from now)',
    schema: { type: 'string', pattern: '^\\d{1,18}$' },
  })
  @ApiProduces('text/event-stream')
  @ApiResponse({
    status: 200,
    description: 'An endless event stream',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  async stream(
    @CurrentPrincipal() principal: Principal,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: { hijack(): void; raw: ServerResponse },
  ): Promise<void> {
    if (lastEventId !== undefined && !/^\d{1,18}$/.test(lastEventId))
      throw new ValidationProblem(INVALID_REQUEST, 'Last-Event-ID must be an event’s id', [
        { pointer: '/headers/last-event-id', detail: 'must be digits' },
      ]);
    const after = lastEventId ?? (await this.inbox.newestId(principal.subject));
    // Fastify answers nothing more: the stream writes to the response itself until it closes.
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    out.write('retry: 2000\n\n');
    this.streams.open(principal.subject, after, out, principal.expiresAt);
  }
}
