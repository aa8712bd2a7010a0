import { CurrentPrincipal, type Principal } from '@ejournal/auth';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, zodPipe } from '@ejournal/http';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DiaryCommand } from '../edge/diary-command';
import { INVALID_REQUEST } from '../reads/read-week/read-week.http';
import { NotificationInbox } from './notification-inbox';

const feedId = z.string().regex(/^\d{1,18}$/, 'must be a notification’s `id`');

const inboxQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Paging: notifications before this `id` (the last of the previous page). */
  before: feedId.optional(),
  unread: z.enum(['true', 'false']).default('false').describe('`true`: only those not marked read'),
});

const inboxPage = z
  .strictObject({
    items: z.array(
      z.strictObject({
        id: z.string().describe('Its place in the caller’s feed: the live stream’s event id'),
        notificationId: z.uuid(),
        kind: z.string(),
        pupilId: z.string(),
        schoolId: z.string(),
        createdAt: z.string(),
        read: z.boolean(),
        message: z.looseObject({}).describe('The DiaryNotification.v1 (see /asyncapi.json)'),
      }),
    ),
    unread: z.number().int().describe('How many of all the caller’s notifications are unread'),
    next: z.string().nullable().describe('`before` of the next page; null on the last'),
  })
  .meta({ id: 'NotificationPage' });

const markReadBody = z
  .union([
    z.strictObject({ notificationIds: z.array(z.uuid()).min(1).max(500) }),
    z.strictObject({ upTo: feedId.describe('Every notification up to this `id`') }),
  ])
  .meta({ id: 'MarkNotificationsRead' });

// The caller's own notifications, as their recipient: no grant beyond being signed in.
@ApiTags('notifications')
@Controller('me/notifications')
export class MyNotificationsController {
  constructor(private readonly inbox: NotificationInbox) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s notifications, newest first, with read and unread' })
  @ApiZodQuery(inboxQuery)
  @ApiZodResponse(200, inboxPage, 'One page')
  async page(
    @Query(zodPipe(inboxQuery, INVALID_REQUEST)) query: z.output<typeof inboxQuery>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const items = await this.inbox.page(principal.subject, {
      limit: query.limit,
      unreadOnly: query.unread === 'true',
      ...(query.before ? { before: query.before } : {}),
    });
    return {
      items,
      unread: await this.inbox.unreadCount(principal.subject),
      next: items.length === query.limit ? (items.at(-1)?.id ?? null) : null,
    };
  }

  @Post('read')
  @HttpCode(200)
  @DiaryCommand()
  @ApiOperation({ summary: 'Marks some of the caller’s notifications read, or all up to one' })
  @ApiZodBody(markReadBody, { upTo: '1042' })
  @ApiZodResponse(200, z.strictObject({ marked: z.number().int() }), 'How many were unread')
  async markRead(
    @Body(zodPipe(markReadBody, INVALID_REQUEST)) body: z.output<typeof markReadBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return { marked: await this.inbox.markRead(principal.subject, body) };
  }
}
