import { ConflictProblem, UnauthorizedProblem } from '@ejournal/http';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { inTransaction } from '../../infrastructure/transaction';
import { APP_POOL, CLOCK, type Clock } from '../../infrastructure/tokens';
import { PasswordHasher } from '../../sign-in/password-hasher';
import { RefreshTokens } from '../../sign-in/refresh-tokens';
import { OneTimeCodes, type CodePurpose } from '../one-time-codes';

const UNIQUE_VIOLATION = '23505';

/**
 * Activation (a new account chooses its login and password) and password reset, both by a
 * one-time code handed out by the school. The password is hashed before the transaction, so
 * the transaction stays a few milliseconds long.
 */
@Injectable()
export class ActivateAccountService {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly codes: OneTimeCodes,
    private readonly hasher: PasswordHasher,
    private readonly refreshTokens: RefreshTokens,
  ) {}

  async activate(code: string, login: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    try {
      await this.withCode(code, 'activation', async (client, personId) => {
        const { rowCount } = await client.query(
          `UPDATE identity.accounts SET login = $2, password_hash = $3, status = 'active', activated_at = $4, failed_attempts = 0, locked_until = NULL
            WHERE person_id = $1 AND status = 'pending'`,
          [personId, login.trim().toLowerCase(), passwordHash, this.clock()],
        );
        if (rowCount !== 1)
          throw new UnauthorizedProblem(
            'IDENTITY.CODE_INVALID',
            'The account is not waiting for activation',
          );
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ConflictProblem('IDENTITY.LOGIN_TAKEN', 'This login is taken: choose another');
      }
      throw error;
    }
  }

  /** A new password; every session of the account ends and the lockout is lifted. */
  async resetPassword(code: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    await this.withCode(code, 'password_reset', async (client, personId) => {
      const { rowCount } = await client.query(
        "UPDATE identity.accounts SET password_hash = $2, failed_attempts = 0, locked_until = NULL WHERE person_id = $1 AND status = 'active'",
        [personId, passwordHash],
      );
      if (rowCount !== 1)
        throw new UnauthorizedProblem('IDENTITY.CODE_INVALID', 'The account is not active');
      await this.refreshTokens.revokeAll(client, personId);
    });
  }

  private withCode(
    code: string,
    purpose: CodePurpose,
    work: (client: import('pg').PoolClient, personId: string) => Promise<void>,
  ) {
    return inTransaction(this.pool, async (client) =>
      work(client, await this.codes.redeem(client, code, purpose)),
    );
  }
}
