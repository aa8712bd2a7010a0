import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { ClassOpenedV1 } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { Context, type EventContext } from '../../edge/event-context';
import { INVALID_REQUEST } from '../../edge/fields';
import { OpenClass } from './open-class.handler';
import { IdentityCommand } from '../../edge/idempotent-replies';

const classBody = ClassOpenedV1.data
  .omit({ schoolId: true, classId: true })
  .extend({ classId: ClassOpenedV1.data.shape.classId.optional() });

@ApiTags('classes')
@Controller('schools/:schoolId')
export class OpenClassController {
  constructor(private readonly commands: CommandBus) {}

  @Post('classes')
  @IdentityCommand()
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
}
