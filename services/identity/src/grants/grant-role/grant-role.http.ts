import { RequireGrant, scopeFrom, type ScopeTarget } from '@ejournal/auth';
import { grantScope, role as roleField } from '@ejournal/contracts';
import { SCHOOL_GRANTABLE_ROLES } from '@ejournal/identity-domain';
import { ApiProblem, ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { REGION_OPERATORS, SCHOOL_MANAGERS } from '../../edge/access';
import { Context, type EventContext } from '../../edge/event-context';
import { INVALID_REQUEST, personIdField } from '../../edge/fields';
import { GrantRole, schoolOfScope } from './grant-role.handler';
import { IdentityCommand } from '../../edge/idempotent-replies';

const body = z.strictObject({ role: roleField, scope: grantScope });

/** The person granted to, and the school of the scope when a school may grant the role. */
const schoolGrant = scopeFrom.naming(['person', 'school'], (request): ScopeTarget[] => {
  const parsed = body.safeParse(request.body);
  const person = { resource: { kind: 'person', id: request.params['personId'] ?? '' } };
  if (!parsed.success || !SCHOOL_GRANTABLE_ROLES.includes(parsed.data.role)) return [person, {}];
  const schoolId = schoolOfScope(parsed.data.scope);
  return [person, schoolId ? { schoolId } : {}];
});

/**
 * School managers grant school roles in their school to people of their school; everything
 * else is the region's.
 */
@ApiTags('grants')
@Controller('people/:personId/grants')
export class GrantRoleController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @IdentityCommand()
  @ApiProblem(404, 'IDENTITY.UNKNOWN_PERSON')
  @ApiProblem(409, 'IDENTITY.GRANT_EXISTS')
  @ApiProblem(422, 'IDENTITY.SCOPE_NOT_ALLOWED')
  @RequireGrant(REGION_OPERATORS)
  @RequireGrant(SCHOOL_MANAGERS, schoolGrant)
  @ApiOperation({ summary: 'Grants a role in a scope (region, municipality, school, class)' })
  @ApiZodBody(body)
  grant(
    @Param('personId', zodPipe(personIdField, INVALID_REQUEST)) personId: string,
    @Body(zodPipe(body, INVALID_REQUEST)) { role, scope }: z.infer<typeof body>,
    @Context() context: EventContext,
  ) {
    return this.commands.execute(new GrantRole(personId, role, scope, context));
  }
}
