import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { ApiProblem, zodPipe } from '@ejournal/http';
import { Controller, Delete, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { REGION_OPERATORS, SCHOOL_MANAGERS } from '../../edge/access';
import { Context, type EventContext } from '../../edge/event-context';
import { INVALID_REQUEST, personIdField } from '../../edge/fields';
import { RevokeRole } from './revoke-role.handler';
import { IdentityCommand } from '../../edge/idempotent-replies';

/** School managers revoke grants of people of their school that their school may grant. */
@ApiTags('grants')
@Controller('people/:personId/grants')
export class RevokeRoleController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':grantId')
  @IdentityCommand()
  @ApiProblem(404, 'IDENTITY.UNKNOWN_GRANT')
  @RequireGrant(REGION_OPERATORS)
  @RequireGrant(
    SCHOOL_MANAGERS,
    scopeFrom.all(
      scopeFrom.resourceParam('person', 'personId'),
      scopeFrom.resourceParam('grant', 'grantId'),
    ),
  )
  // The operationId published before revoking had its own use case.
  @ApiOperation({
    operationId: 'grantRoleRevoke',
    summary: 'Revokes a grant; the next access token no longer carries it',
  })
  revoke(
    @Param('personId', zodPipe(personIdField, INVALID_REQUEST)) personId: string,
    @Param('grantId') grantId: string,
    @Context() context: EventContext,
  ) {
    return this.commands.execute(new RevokeRole(personId, grantId, context));
  }
}
