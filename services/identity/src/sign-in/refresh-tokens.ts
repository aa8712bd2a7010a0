import { UnauthorizedProblem } from '@ejournal/http';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { IdentityConfig } from '../config';
import { inTransaction } from '../infrastructure/transaction';
import { APP_POOL, CLOCK, IDENTITY_CONFIG, type Clock } from '../infrastructure/tokens';
import { randomToken, sha256 } from './secrets';

interface TokenRow {
  family_id: string;
  person_id: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

const invalid = () =>
  new UnauthorizedProblem('IDENTITY.REFRESH_TOKEN_INVALID', 'The refresh token is not valid');

/**
 * Rotating refresh tokens kept as hashes. Each use replaces the token within its family;
 * presenting a replaced token again means it was copied, so the whole family is revoked.
 */
@Injectable()
export class RefreshTokens {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  start(personId: string): Promise<string> {
    return this.insert(this.pool, personId, randomUUID());
  }

  /** Uses the token once: returns its person and the token that replaces it. */
  async rotate(token: string): Promise<{ personId: string; token: string }> {
    const outcome = await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<TokenRow>(
        'SELECT family_id, person_id, expires_at, used_at, revoked_at FROM identity.refresh_tokens WHERE token_hash = $1 FOR UPDATE',
        [sha256(token)],
      );
      const row = rows[0];
      const now = this.clock();
      if (!row || row.revoked_at || row.expires_at <= now) return null;
      if (row.used_at) {
        await this.revokeFamily(client, row.family_id);
        return 'reused' as const;
      }
      await client.query('UPDATE identity.refresh_tokens SET used_at = $2 WHERE token_hash = $1', [
        sha256(token),
        now,
      ]);
      return {
        personId: row.person_id,
        token: await this.insert(client, row.person_id, row.family_id),
      };
    });
    if (outcome === 'reused') {
      throw new UnauthorizedProblem(
        'IDENTITY.REFRESH_TOKEN_REUSED',
        'This refresh token was already used; its session is revoked',
      );
    }
    if (!outcome) throw invalid();
    return outcome;
  }

  async revokeSession(token: string): Promise<void> {
    const { rows } = await this.pool.query<{ family_id: string }>(
      'SELECT family_id FROM identity.refresh_tokens WHERE token_hash = $1',
      [sha256(token)],
    );
    if (rows[0]) await this.revokeFamily(this.pool, rows[0].family_id);
  }

  async revokeAll(client: Pool | PoolClient, personId: string): Promise<void> {
    await client.query(
      'UPDATE identity.refresh_tokens SET revoked_at = $2 WHERE person_id = $1 AND revoked_at IS NULL',
      [personId, this.clock()],
    );
  }

  private async revokeFamily(client: Pool | PoolClient, familyId: string): Promise<void> {
    await client.query(
      'UPDATE identity.refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL',
      [familyId, this.clock()],
    );
  }

  private async insert(
    client: Pool | PoolClient,
    personId: string,
    familyId: string,
  ): Promise<string> {
    const token = randomToken();
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_HOURS * 3_600_000);
    await client.query(
      'INSERT INTO identity.refresh_tokens VALUES ($1, $2, $3, $4, $5, NULL, NULL)',
      [sha256(token), familyId, personId, now, expiresAt],
    );
    return token;
  }
}
