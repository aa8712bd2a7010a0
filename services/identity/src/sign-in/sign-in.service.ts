import { TooManyRequestsProblem, UnauthorizedProblem } from '@ejournal/http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import type { IdentityConfig } from '../config';
import { APP_POOL, CLOCK, IDENTITY_CONFIG, type Clock } from '../infrastructure/tokens';
import { PasswordHasher } from './password-hasher';
import { RefreshTokens } from './refresh-tokens';
import { SessionIssuer, type TokenPair } from './session-issuer';

interface AccountRow {
  person_id: string;
  password_hash: string | null;
  status: 'pending' | 'active' | 'deactivated';
  failed_attempts: number;
  locked_until: Date | null;
}

const WRONG = 'The login or the password is wrong';

/**
 * Password sign-in. Unknown logins cost one argon2id verification like known ones; repeated
 * failures lock the account for a while (kept in PostgreSQL, so every replica sees it).
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger('sign-in');

  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    private readonly refreshTokens: RefreshTokens,
    private readonly sessions: SessionIssuer,
  ) {}

  async signIn(login: string, password: string): Promise<TokenPair> {
    const { rows } = await this.pool.query<AccountRow>(
      'SELECT person_id, password_hash, status, failed_attempts, locked_until FROM identity.accounts WHERE login = $1',
      [login.trim().toLowerCase()],
    );
    const account = rows[0];
    if (!account?.password_hash) {
      await this.hasher.verifyNothing(password);
      throw new UnauthorizedProblem('IDENTITY.INVALID_CREDENTIALS', WRONG);
    }
    const now = this.clock();
    if (account.locked_until && account.locked_until > now) {
      const seconds = (account.locked_until.getTime() - now.getTime()) / 1000;
      throw new TooManyRequestsProblem(
        'IDENTITY.ACCOUNT_LOCKED',
        'Too many failed attempts: try again later',
        seconds,
      );
    }
    if (!(await this.hasher.verify(account.password_hash, password))) {
      await this.recordFailure(account.person_id, now);
      throw new UnauthorizedProblem('IDENTITY.INVALID_CREDENTIALS', WRONG);
    }
    if (account.status !== 'active') {
      throw new UnauthorizedProblem('IDENTITY.ACCOUNT_INACTIVE', 'This account is not active');
    }
    const rehash = this.hasher.isOutdated(account.password_hash)
      ? await this.hasher.hash(password)
      : null;
    // Most sign-ins change nothing here: no write unless there is something to reset.
    if (rehash || account.failed_attempts > 0 || account.locked_until) {
      await this.pool.query(
        'UPDATE identity.accounts SET failed_attempts = 0, locked_until = NULL, password_hash = coalesce($2, password_hash) WHERE person_id = $1',
        [account.person_id, rehash],
      );
    }
    return this.sessions.pair(account.person_id, await this.refreshTokens.start(account.person_id));
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const { personId, token } = await this.refreshTokens.rotate(refreshToken);
    const { rows } = await this.pool.query<{ status: string }>(
      'SELECT status FROM identity.accounts WHERE person_id = $1',
      [personId],
    );
    if (rows[0]?.status !== 'active') {
      await this.refreshTokens.revokeAll(this.pool, personId);
      throw new UnauthorizedProblem('IDENTITY.ACCOUNT_INACTIVE', 'This account is not active');
    }
    return this.sessions.pair(personId, token);
  }

  private async recordFailure(personId: string, now: Date): Promise<void> {
    const lockedUntil = new Date(now.getTime() + this.config.LOCKOUT_MINUTES * 60_000);
    const { rows } = await this.pool.query<{ locked: boolean }>(
      `UPDATE identity.accounts SET failed_attempts = failed_attempts + 1,
         locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
       WHERE person_id = $1 RETURNING locked_until IS NOT NULL AND locked_until > $4 AS locked`,
      [personId, this.config.LOCKOUT_THRESHOLD, lockedUntil, now],
    );
    if (rows[0]?.locked)
      this.logger.warn({ message: 'account locked after failed sign-ins', personId });
  }
}
