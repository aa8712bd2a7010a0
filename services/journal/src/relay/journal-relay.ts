import { journalRegistry } from '@ejournal/contracts';
import { integrityRunner } from '@ejournal/integrity-runner';
import { outboxRelay } from '@ejournal/write-path';
import { APP_POOL, APP_URL, JOURNAL_CONFIG } from '../infrastructure/tokens';

const tokens = { config: JOURNAL_CONFIG, pool: APP_POOL, url: APP_URL };
/** Publishes the journal's store to `ejournal.journal.events.v1` (JOURNAL_EVENTS_TOPIC). */
export const JournalRelay = outboxRelay('journal', journalRegistry, tokens);
/** Builds the store's Merkle log and publishes signed checkpoints (INTEGRITY_*, EJOURNAL_*). */
export const JournalIntegrity = integrityRunner('journal', tokens);
