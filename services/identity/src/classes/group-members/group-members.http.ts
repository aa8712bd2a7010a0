import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { Context, type EventContext } from '../../edge/event-context';
import { dateField, INVALID_REQUEST, personIdField } from '../../edge/fields';
import { ChangeGroupMembership } from './group-members.handler';
import { IdentityCommand } from '../../edge/idempotent-replies';

const addBody = z.strictObject({ pupilId: personIdField, fromDate: dateField });
const removeBody = z.strictObject({ onDate: dateField });

/** The group's school decides; a pupil added must be enrolled there (its class teacher's too). */
const group = scopeFrom.resourceParam('group', 'groupId');

@ApiTags('classes')
@Controller('groups/:groupId/members')
export class GroupMembersController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @IdentityCommand()
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.all(group, scopeFrom.bodyResource('pupil', 'pupilId')))
  @ApiOperation({ summary: 'Adds a pupil of the school to an ad-hoc group from a date' })
  @ApiZodBody(addBody)
  add(
    @Param('groupId') groupId: string,
    @Body(zodPipe(addBody, INVALID_REQUEST)) body: z.infer<typeof addBody>,
    @Context() context: EventContext,
  ) {
    const change = { add: true as const, fromDate: body.fromDate };
    return this.commands.execute(new ChangeGroupMembership(groupId, body.pupilId, change, context));
  }

  @Post(':pupilId/removal')
  @IdentityCommand()
  @RequireGrant(SCHOOL_MANAGERS, group)
  @ApiOperation({ summary: 'Removes a pupil from the group from a date' })
  @ApiZodBody(removeBody)
  remove(
    @Param('groupId') groupId: string,
    @Param('pupilId', zodPipe(personIdField, INVALID_REQUEST)) pupilId: string,
    @Body(zodPipe(removeBody, INVALID_REQUEST)) body: z.infer<typeof removeBody>,
    @Context() context: EventContext,
  ) {
    const change = { add: false as const, onDate: body.onDate };
    return this.commands.execute(new ChangeGroupMembership(groupId, pupilId, change, context));
  }
}
