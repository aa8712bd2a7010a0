import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { ClassOpenedV1, GroupFormedV1, newEventId } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { Context, type EventContext } from '../../edge/event-context';
import { INVALID_REQUEST } from '../../edge/fields';
import { FormGroup } from '../form-group/form-group.handler';
import { OpenClass } from './open-class.handler';

const classBody = ClassOpenedV1.data
  .omit({ schoolId: true, classId: true })
  .extend({ classId: ClassOpenedV1.data.shape.classId.optional() });
const groupBody = GroupFormedV1.data.omit({ schoolId: true, groupId: true });

@ApiTags('classes')
@Controller('schools/:schoolId')
export class OpenClassController {
  constructor(private readonly commands: CommandBus) {}

  @Post('classes')
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.schoolParam())
  @ApiOperation({ summary: 'Opens a class of an academic year, e.g. 7А' })
  @ApiZodBody(classBody)
  open(
    @Param('schoolId') schoolId: string,
    @Body(zodPipe(classBody, INVALID_REQUEST)) klass: z.infer<typeof classBody>,
    @Context() context: EventContext,
  ) {
    return this.commands.execute(new OpenClass(schoolId, klass, context));
  }

  @Post('groups')
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.schoolParam())
  @ApiOperation({ summary: 'Forms an ad-hoc group (elective, club, extended day…)' })
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
