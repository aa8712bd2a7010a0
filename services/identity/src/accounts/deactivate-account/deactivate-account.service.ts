import { NotFoundProblem } from '@ejournal/http';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { inTransaction } from '../../infrastructure/transaction';
import { APP_POOL, CLOCK, type Clock } from '../../infrastructure/tokens';
import { RefreshTokens } from '../../sign-in/refresh-tokens';
import { OneTimeCodes } from '../one-time-codes';

/** The account deactivated, its refresh tokens and unused codes revoked, in one transaction. */
@Injectable()
export class DeactivateAccountService {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly refreshTokens: RefreshTokens,
    private readonly codes: OneTimeCodes,
  ) {}

  deactivate(personId: string): Promise<void> {
    return inTransaction(this.pool, async (client) => {
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
