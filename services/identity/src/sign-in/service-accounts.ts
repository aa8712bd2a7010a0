import { grantSchema, type Grant } from '@ejournal/auth';
import { UnauthorizedProblem } from '@ejournal/http';
import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import { z } from 'zod';
import { APP_POOL, CLOCK, type Clock } from '../infrastructure/tokens';
import { AccessTokenIssuer } from '../keys/access-token-issuer';
import { randomToken, sha256 } from './secrets';

/** Service-to-service callers: a client id, a random secret (kept as a hash), fixed grants. */
@Injectable()
export class ServiceAccounts {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly tokens: AccessTokenIssuer,
  ) {}

  /** Registers or replaces an account; the secret is shown once, here. */
  async register(
    clientId: string,
    grants: Grant[],
  ): Promise<{ clientId: string; clientSecret: string }> {
    const clientSecret = randomToken();
    await this.pool.query(
      `INSERT INTO identity.service_accounts VALUES ($1, $2, $3, $4, NULL)
       ON CONFLICT (client_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, grants = EXCLUDED.grants, disabled_at = NULL`,
      [clientId, sha256(clientSecret).toString('hex'), JSON.stringify(grants), this.clock()],
    );
    return { clientId, clientSecret };
  }

  async token(clientId: string, clientSecret: string) {
    const { rows } = await this.pool.query<{ secret_hash: string; grants: unknown }>(
      'SELECT secret_hash, grants FROM identity.service_accounts WHERE client_id = $1 AND disabled_at IS NULL',
      [clientId],
    );
    const expected = Buffer.from(rows[0]?.secret_hash ?? '0'.repeat(64), 'hex');
    const matches = timingSafeEqual(expected, sha256(clientSecret)) && rows[0] !== undefined;
    if (!matches)
      throw new UnauthorizedProblem('IDENTITY.INVALID_CLIENT', 'Unknown client or wrong secret');
    const grants = z.array(grantSchema).parse(rows[0]?.grants);
    const { accessToken, expiresIn } = await this.tokens.issue(
      `service:${clientId}`,
      'service',
      grants,
    );
    return { access_token: accessToken, token_type: 'Bearer' as const, expires_in: expiresIn };
  }
}
