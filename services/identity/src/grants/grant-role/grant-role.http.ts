import { RequireGrant, scopeFrom, type AuthRequest, type ScopeTarget } from '@ejournal/auth';
import { grantScope, newEventId, role as roleField } from '@ejournal/contracts';
import { grantsDecider, SCHOOL_GRANTABLE_ROLES, type StoredScope } from '@ejournal/identity-domain';
import { ApiProblem, ApiZodBody, NotFoundProblem, zodPipe } from '@ejournal/http';
import { Body, Controller, Delete, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { z } from 'zod';
import type { IdentityConfig } from '../../config';
import { REGION_OPERATORS, SCHOOL_MANAGERS } from '../../edge/access';
import { CommandRunner } from '../../edge/command-runner';
import { Context, type EventContext } from '../../edge/event-context';
import { INVALID_REQUEST, personIdField } from '../../edge/fields';
import { PlacementFacts } from '../../enrolment/placement-facts';
import { APP_POOL, IDENTITY_CONFIG } from '../../infrastructure/tokens';
import { regionTenant, schoolTenant } from '../../tenancy/tenant';

const body = z.strictObject({ role: roleField, scope: grantScope });
const personParam = zodPipe(personIdField, INVALID_REQUEST);
const schoolOfScope = (scope: StoredScope) =>
  scope.kind === 'school' ? scope.id : scope.kind === 'class' ? scope.schoolId : null;

/** The person granted to, and the school of the scope when a school may grant the role. */
function schoolGrant(request: AuthRequest): ScopeTarget[] {
  const parsed = body.safeParse(request.body);
  const person = { resource: { kind: 'person', id: request.params['personId'] ?? '' } };
  if (!parsed.success || !SCHOOL_GRANTABLE_ROLES.includes(parsed.data.role)) return [person, {}];
  const schoolId = schoolOfScope(parsed.data.scope);
  return [person, schoolId ? { schoolId } : {}];
}

/**
 * School managers grant school roles in their school to people of their school; everything
 * else is the region's.
 */
@ApiTags('grants')
@Controller('people/:personId/grants')
export class GrantRoleController {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: PlacementFacts,
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  @Post()
  @ApiProblem(404, 'IDENTITY.UNKNOWN_PERSON')
  @ApiProblem(409, 'IDENTITY.GRANT_EXISTS')
  @ApiProblem(422, 'IDENTITY.SCOPE_NOT_ALLOWED')
  @RequireGrant(REGION_OPERATORS)
  @RequireGrant(SCHOOL_MANAGERS, schoolGrant)
  @ApiOperation({ summary: 'Grants a role in a scope (region, municipality, school, class)' })
  @ApiZodBody(body)
  async grant(
    @Param('personId', personParam) personId: string,
    @Body(zodPipe(body, INVALID_REQUEST)) { role, scope }: z.infer<typeof body>,
    @Context() context: EventContext,
  ) {
    await this.facts.requirePerson(personId);
    const schoolId = schoolOfScope(scope);
    const grantId = newEventId();
    const command = { type: 'GrantRole' as const, personId, grantId, role, scope };
    const { events } = await this.runner.run(
      `grants-${personId}`,
      grantsDecider,
      command,
      this.tenant(schoolId),
      context,
    );
    return {
      personId,
      grantId: events.length > 0 ? grantId : null,
      role,
      scope,
      changed: events.length > 0,
    };
  }

  @Delete(':grantId')
  @ApiProblem(404, 'IDENTITY.UNKNOWN_GRANT')
  @RequireGrant(REGION_OPERATORS)
  @RequireGrant(
    SCHOOL_MANAGERS,
    scopeFrom.all(
      scopeFrom.resourceParam('person', 'personId'),
      scopeFrom.resourceParam('grant', 'grantId'),
    ),
  )
  @ApiOperation({ summary: 'Revokes a grant; the next access token no longer carries it' })
  async revoke(
    @Param('personId', personParam) personId: string,
    @Param('grantId') grantId: string,
    @Context() context: EventContext,
  ) {
    const { rows } = await this.pool.query<{ role: string; school_id: string | null }>(
      'SELECT role, scope_school_id AS school_id FROM identity.grants WHERE grant_id = $1 AND person_id = $2 AND NOT revoked',
      [grantId, personId],
    );
    const grant = rows[0];
    if (!grant) throw new NotFoundProblem('IDENTITY.UNKNOWN_GRANT', 'No such grant in force');
    await this.runner.run(
      `grants-${personId}`,
      grantsDecider,
      { type: 'RevokeRole', personId, grantId },
      this.tenant(grant.school_id),
      context,
    );
    return { personId, grantId, revoked: true };
  }

  private tenant(schoolId: string | null) {
    const regionId = this.config.IDENTITY_REGION_ID;
    return schoolId ? schoolTenant(regionId, schoolId) : regionTenant(regionId);
  }
}
