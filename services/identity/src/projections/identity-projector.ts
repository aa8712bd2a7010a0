import type { RecordedEvent, RecordedIdentityEvent } from '@ejournal/contracts';
import type { EventStore, Subscription } from '@ejournal/event-store';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Pool } from 'pg';
import { inTransaction } from '../infrastructure/transaction';
import { APP_POOL, EVENT_STORE } from '../infrastructure/tokens';
import { projectGrantsAndConsents, type GrantConsentEvent } from './project-grants-consents';
import { projectMembership, type MembershipEvent } from './project-membership';
import { projectTenancy, type TenancyEvent } from './project-tenancy';
import { ProjectionWaiter } from './projection-waiter';

const TENANCY = new Set([
  'MunicipalityRegistered',
  'SchoolRegistered',
  'AcademicCalendarSet',
  'SchoolPolicyPublished',
  'ClassOpened',
  'GroupFormed',
]);
const GRANTS_AND_CONSENTS = new Set([
  'RoleGranted',
  'RoleRevoked',
  'ConsentGiven',
  'ConsentWithdrawn',
]);

export const PROJECTION_NAME = 'identity-read-models';

/**
 * Keeps identity's read models from its own store. Each event is applied in one short
 * transaction together with its stream's version, so a replay or a second replica changes
 * nothing; a failure is retried by the subscription from its checkpoint.
 */
@Injectable()
export class IdentityProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('projections');
  private subscription: Subscription | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_POOL) private readonly pool: Pool,
    private readonly waiter: ProjectionWaiter,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.store.subscribe({
      name: PROJECTION_NAME,
      handler: (event) => this.apply(event),
      onError: (error) =>
        this.logger.error({ message: 'projection failed; retrying', error: String(error) }),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  async apply(recorded: RecordedEvent): Promise<void> {
    const event = recorded as RecordedIdentityEvent;
    const applied = await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ version: number }>(
        `INSERT INTO identity.projection_versions VALUES ($1, 0)
         ON CONFLICT (stream_id) DO UPDATE SET version = identity.projection_versions.version
         RETURNING version`,
        [event.streamId],
      );
      if ((rows[0]?.version ?? 0) >= event.streamVersion) return false;
      if (TENANCY.has(event.type)) await projectTenancy(client, event as TenancyEvent);
      else if (GRANTS_AND_CONSENTS.has(event.type))
        await projectGrantsAndConsents(client, event as GrantConsentEvent);
      else await projectMembership(client, event as MembershipEvent);
      await client.query(
        'UPDATE identity.projection_versions SET version = $2 WHERE stream_id = $1',
        [event.streamId, event.streamVersion],
      );
      return true;
    });
    if (applied) this.waiter.projected(event.streamId, event.streamVersion);
  }
}
