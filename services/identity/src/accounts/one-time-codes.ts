import { UnauthorizedProblem } from '@ejournal/http';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { IdentityConfig } from '../config';
import { APP_POOL, CLOCK, IDENTITY_CONFIG, type Clock } from '../infrastructure/tokens';
import { normaliseCode, oneTimeCode, sha256 } from '../sign-in/secrets';

export type CodePurpose = 'activation' | 'password_reset';

const RESET_CODE_HOURS = 72;

/** One-time codes for activation and password reset: stored hashed, used once, expiring. */
@Injectable()
export class OneTimeCodes {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A new code for the person; earlier unused codes of the purpose stop working. */
  async issue(
    client: Pool | PoolClient,
    personId: string,
    purpose: CodePurpose,
    createdBy: string,
    code = oneTimeCode(),
  ) {
    const now = this.clock();
    const hours =
      purpose === 'activation' ? this.config.ACTIVATION_CODE_DAYS * 24 : RESET_CODE_HOURS;
    const expiresAt = new Date(now.getTime() + hours * 3_600_000);
    await client.query(
      'UPDATE identity.one_time_codes SET revoked_at = $3 WHERE person_id = $1 AND purpose = $2 AND used_at IS NULL AND revoked_at IS NULL',
      [personId, purpose, now],
    );
    await client.query(
      'INSERT INTO identity.one_time_codes VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL)',
      [sha256(normaliseCode(code)), personId, purpose, createdBy, now, expiresAt],
    );
    return { personId, code, expiresAt: expiresAt.toISOString() };
  }

  /** Marks the code used inside the caller's transaction and returns whose it was. */
  async redeem(client: PoolClient, code: string, purpose: CodePurpose): Promise<string> {
    const now = this.clock();
    const { rows } = await client.query<{ person_id: string }>(
      `UPDATE identity.one_time_codes SET used_at = $3
        WHERE code_hash = $1 AND purpose = $2 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $3
        RETURNING person_id`,
      [sha256(normaliseCode(code)), purpose, now],
    );
    const personId = rows[0]?.person_id;
    if (!personId)
      throw new UnauthorizedProblem('IDENTITY.CODE_INVALID', 'The code is wrong, used or expired');
    return personId;
  }

  async revokeAll(client: Pool | PoolClient, personId: string): Promise<void> {
    await client.query(
      'UPDATE identity.one_time_codes SET revoked_at = $2 WHERE person_id = $1 AND used_at IS NULL AND revoked_at IS NULL',
      [personId, this.clock()],
    );
  }
}
