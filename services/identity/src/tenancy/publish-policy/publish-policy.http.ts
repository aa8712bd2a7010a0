import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { SchoolPolicyPublishedV1 } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { Context, type EventContext } from '../../edge/event-context';
import { INVALID_REQUEST } from '../../edge/fields';
import { PublishPolicy } from './publish-policy.handler';
import { IdentityCommand } from '../../edge/idempotent-replies';

const body = SchoolPolicyPublishedV1.data.omit({ schoolId: true, policyVersion: true });

@ApiTags('tenancy')
@Controller('schools/:schoolId/policies')
export class PublishPolicyController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @IdentityCommand()
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.schoolParam())
  @ApiOperation({ summary: "Publishes the school's rules as the next version (R12)" })
  @ApiZodBody(body)
  publish(
    @Param('schoolId') schoolId: string,
    @Body(zodPipe(body, INVALID_REQUEST)) policy: z.infer<typeof body>,
    @Context() context: EventContext,
  ) {
    return this.commands.execute(new PublishPolicy(schoolId, policy, context));
  }
}
