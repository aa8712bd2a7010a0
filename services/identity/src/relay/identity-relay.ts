import { identityRegistry } from '@ejournal/contracts';
import { integrityRunner } from '@ejournal/integrity-runner';
import { outboxRelay } from '@ejournal/write-path';
import { APP_POOL, APP_URL, IDENTITY_CONFIG } from '../infrastructure/tokens';

const tokens = { config: IDENTITY_CONFIG, pool: APP_POOL, url: APP_URL };
/** Publishes identity's store to `ejournal.identity.events.v1` (IDENTITY_EVENTS_TOPIC). */
export const IdentityRelay = outboxRelay('identity', identityRegistry, tokens);
/** Builds the store's Merkle log and publishes signed checkpoints (INTEGRITY_*, EJOURNAL_*). */
export const IdentityIntegrity = integrityRunner('identity', tokens);
