import { grantsDecider } from '@ejournal/identity-domain';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { OneTimeCodes } from '../accounts/one-time-codes';
import type { IdentityConfig } from '../config';
import { CommandRunner } from '../edge/command-runner';
import { systemContext } from '../edge/event-context';
import { APP_POOL, IDENTITY_CONFIG } from '../infrastructure/tokens';
import { PersonRepository } from '../people/person-repository';
import { regionTenant } from '../tenancy/tenant';

/** A stable id per region, so every replica and restart finds the same first operator. */
export function bootstrapOperatorId(regionId: string): string {
  const hex = createHash('sha256').update(`ejournal bootstrap operator ${regionId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * With BOOTSTRAP_OPERATOR_CODE set, creates the region's first operator, whose account is
 * activated with that one-time code; everyone else is then created through the API.
 */
@Injectable()
export class BootstrapOperator implements OnApplicationBootstrap {
  private readonly logger = new Logger('bootstrap');

  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(APP_POOL) private readonly pool: Pool,
    private readonly people: PersonRepository,
    private readonly runner: CommandRunner,
    private readonly codes: OneTimeCodes,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const code = this.config.BOOTSTRAP_OPERATOR_CODE;
    if (!code) return;
    const regionId = this.config.IDENTITY_REGION_ID;
    const personId = bootstrapOperatorId(regionId);
    const author = { actorId: 'identity', actorRole: 'service', source: 'registration' as const };
    await this.people.save(
      personId,
      regionId,
      {
        surname: 'Оператор',
        givenName: 'Региональный',
        patronymic: null,
        birthDate: null,
        email: null,
        phone: null,
      },
      author,
    );
    const scope = { kind: 'region' as const, id: regionId };
    const grant = {
      type: 'GrantRole' as const,
      personId,
      grantId: `bootstrap-${regionId}`,
      role: 'regional_operator' as const,
      scope,
    };
    await this.runner.run(
      `grants-${personId}`,
      grantsDecider,
      grant,
      regionTenant(regionId),
      systemContext(),
    );
    const { rows } = await this.pool.query(
      `SELECT 1 FROM identity.accounts a WHERE a.person_id = $1 AND a.status = 'pending' AND NOT EXISTS
         (SELECT 1 FROM identity.one_time_codes c WHERE c.person_id = a.person_id AND c.used_at IS NULL AND c.revoked_at IS NULL)`,
      [personId],
    );
    if (rows.length === 0) return;
    await this.codes.issue(this.pool, personId, 'activation', 'identity', code);
    this.logger.log({ message: 'bootstrap operator awaits activation', personId });
  }
}
