import { RequireGrant } from '@ejournal/auth';
import { timeZone } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { REGION_OPERATORS } from '../../edge/access';
import { Context, type EventContext } from '../../edge/event-context';
import { identifierField, INVALID_REQUEST } from '../../edge/fields';
import { RegisterSchool } from './register-school.handler';
import { IdentityCommand } from '../../edge/idempotent-replies';

const body = z.strictObject({
  schoolId: identifierField,
  municipalityId: identifierField,
  timeZone,
});

@ApiTags('tenancy')
@Controller('schools')
export class RegisterSchoolController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @IdentityCommand()
  @RequireGrant(REGION_OPERATORS)
  @ApiOperation({ summary: 'Registers a school (a tenant) with its IANA time zone (idempotent)' })
  @ApiZodBody(body)
  register(
    @Body(zodPipe(body, INVALID_REQUEST)) school: z.infer<typeof body>,
    @Context() context: EventContext,
  ) {
    return this.commands.execute(new RegisterSchool(school, context));
  }
}
