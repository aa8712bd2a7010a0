import type { AuthRequest } from '@ejournal/auth';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { Context, withRole, type EventContext } from '../../edge/event-context';
import { dateField, INVALID_REQUEST, personIdField } from '../../edge/fields';
import { SchoolAccess } from '../../edge/school-access';
import { ChangeGroupMembership, ChangeGroupMembershipHandler } from './group-members.handler';

const addBody = z.strictObject({ pupilId: personIdField, fromDate: dateField });
const removeBody = z.strictObject({ onDate: dateField });

@ApiTags('classes')
@Controller('groups/:groupId/members')
export class GroupMembersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly groups: ChangeGroupMembershipHandler,
    private readonly access: SchoolAccess,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Adds a pupil of the school to an ad-hoc group from a date' })
  @ApiZodBody(addBody)
  async add(
    @Req() request: AuthRequest,
    @Param('groupId') groupId: string,
    @Body(zodPipe(addBody, INVALID_REQUEST)) body: z.infer<typeof addBody>,
    @Context() context: EventContext,
  ) {
    const role = this.access.require(
      request,
      SCHOOL_MANAGERS,
      (await this.groups.schoolOf(groupId)).schoolId,
    );
    const change = { add: true as const, fromDate: body.fromDate };
    return this.commands.execute(
      new ChangeGroupMembership(groupId, body.pupilId, change, withRole(context, role)),
    );
  }

  @Post(':pupilId/removal')
  @ApiOperation({ summary: 'Removes a pupil from the group from a date' })
  @ApiZodBody(removeBody)
  async remove(
    @Req() request: AuthRequest,
    @Param('groupId') groupId: string,
    @Param('pupilId', zodPipe(personIdField, INVALID_REQUEST)) pupilId: string,
    @Body(zodPipe(removeBody, INVALID_REQUEST)) body: z.infer<typeof removeBody>,
    @Context() context: EventContext,
  ) {
    const role = this.access.require(
      request,
      SCHOOL_MANAGERS,
      (await this.groups.schoolOf(groupId)).schoolId,
    );
    const change = { add: false as const, onDate: body.onDate };
    return this.commands.execute(
      new ChangeGroupMembership(groupId, pupilId, change, withRole(context, role)),
    );
  }
}
