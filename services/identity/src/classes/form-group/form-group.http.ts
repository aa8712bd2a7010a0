import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { GroupFormedV1, newEventId } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { Context, type EventContext } from '../../edge/event-context';
import { INVALID_REQUEST } from '../../edge/fields';
import { FormGroup } from './form-group.handler';
import { IdentityCommand } from '../../edge/idempotent-replies';

const groupBody = GroupFormedV1.data.omit({ schoolId: true, groupId: true });

@ApiTags('classes')
@Controller('schools/:schoolId')
export class FormGroupController {
  constructor(private readonly commands: CommandBus) {}

  @Post('groups')
  @IdentityCommand()
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.schoolParam())
  // The operationId published while forming a group was a route of OpenClassController.
  @ApiOperation({
    operationId: 'openClassForm',
    summary: 'Forms an ad-hoc group (elective, club, extended day…)',
  })
  @ApiZodBody(groupBody)
  form(
    @Param('schoolId') schoolId: string,
    @Body(zodPipe(groupBody, INVALID_REQUEST)) group: z.infer<typeof groupBody>,
    @Context() context: EventContext,
  ) {
    return this.commands.execute(
      new FormGroup(schoolId, { ...group, groupId: newEventId() }, context),
    );
  }
}
