import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { NotFoundProblem, zodPipe } from '@ejournal/http';
import { Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { INVALID_REQUEST, personIdField } from '../../edge/fields';
import { inTransaction } from '../../infrastructure/transaction';
import { APP_POOL, CLOCK, type Clock } from '../../infrastructure/tokens';
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
    private readonly refreshTokens: RefreshTokens,
    private readonly codes: OneTimeCodes,
  ) {}

  @Post()
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.resourceParam('person', 'personId'))
  @HttpCode(204)
  @ApiOperation({ summary: 'Deactivates an account and revokes its refresh tokens' })
  async deactivate(@Param('personId', zodPipe(personIdField, INVALID_REQUEST)) personId: string) {
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
