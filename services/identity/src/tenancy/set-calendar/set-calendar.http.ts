import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { AcademicCalendarSetV1 } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { Context, type EventContext } from '../../edge/event-context';
import { INVALID_REQUEST } from '../../edge/fields';
import { SetAcademicCalendar } from './set-calendar.handler';
import { IdentityCommand } from '../../edge/idempotent-replies';

const body = AcademicCalendarSetV1.data.omit({ schoolId: true });

@ApiTags('tenancy')
@Controller('schools/:schoolId/calendar')
export class SetCalendarController {
  constructor(private readonly commands: CommandBus) {}

  @Put()
  @IdentityCommand()
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.schoolParam())
  @ApiOperation({
    summary: "Sets the school's calendar of one academic year: periods and holidays",
  })
  @ApiZodBody(body)
  set(
    @Param('schoolId') schoolId: string,
    @Body(zodPipe(body, INVALID_REQUEST)) calendar: z.infer<typeof body>,
    @Context() context: EventContext,
  ) {
    return this.commands.execute(new SetAcademicCalendar({ ...calendar, schoolId }, context));
  }
}
