import type { AuthRequest } from '@ejournal/auth';
import { NotFoundProblem, zodPipe } from '@ejournal/http';
import { Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { INVALID_REQUEST, personIdField } from '../../edge/fields';
import { SchoolAccess } from '../../edge/school-access';
import { inTransaction } from '../../infrastructure/transaction';
import { APP_POOL, CLOCK, type Clock } from '../../infrastructure/tokens';
import { PersonVisibility } from '../../people/person-visibility';
import { RefreshTokens } from '../../sign-in/refresh-tokens';
import { OneTimeCodes } from '../one-time-codes';

/**
 * Deactivation ends every session at once: refresh tokens and unused codes are revoked, so no
 * new access token is issued; the ones already out expire within their ten minutes.
 */
@ApiTags('accounts')
@Controller('people/:personId/deactivate')
export class DeactivateAccountController {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: SchoolAccess,
    private readonly visibility: PersonVisibility,
    private readonly refreshTokens: RefreshTokens,
    private readonly codes: OneTimeCodes,
  ) {}

  @Post()
  @HttpCode(204)
  @ApiOperation({ summary: 'Deactivates an account and revokes its refresh tokens' })
  async deactivate(
    @Req() request: AuthRequest,
    @Param('personId', zodPipe(personIdField, INVALID_REQUEST)) personId: string,
  ) {
    const schools = [...((await this.visibility.schoolsOf([personId])).get(personId) ?? [])];
    const managed = schools.find((school) =>
      request.principal?.grants.some(
        (g) =>
          g.scope.kind === 'school' && g.scope.id === school && SCHOOL_MANAGERS.includes(g.role),
      ),
    );
    this.access.require(request, SCHOOL_MANAGERS, managed ?? schools[0] ?? null);
    await inTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(
        "UPDATE identity.accounts SET status = 'deactivated', deactivated_at = $2 WHERE person_id = $1",
        [personId, this.clock()],
      );
      if (rowCount !== 1) throw new NotFoundProblem('IDENTITY.UNKNOWN_PERSON', 'No such account');
      await this.refreshTokens.revokeAll(client, personId);
      await this.codes.revokeAll(client, personId);
    });
  }
}
