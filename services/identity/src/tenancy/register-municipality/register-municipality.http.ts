import { RequireGrant } from '@ejournal/auth';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { REGION_OPERATORS } from '../../edge/access';
import { Context, type EventContext } from '../../edge/event-context';
import { identifierField, INVALID_REQUEST } from '../../edge/fields';
import { RegisterMunicipality } from './register-municipality.handler';
import { IdentityCommand } from '../../edge/idempotent-replies';

const body = z.strictObject({ municipalityId: identifierField });

@ApiTags('tenancy')
@Controller('municipalities')
export class RegisterMunicipalityController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @IdentityCommand()
  @RequireGrant(REGION_OPERATORS)
  @ApiOperation({ summary: 'Registers a municipality of the region (idempotent)' })
  @ApiZodBody(body)
  register(
    @Body(zodPipe(body, INVALID_REQUEST)) { municipalityId }: z.infer<typeof body>,
    @Context() context: EventContext,
  ) {
    return this.commands.execute(new RegisterMunicipality(municipalityId, context));
  }
}
