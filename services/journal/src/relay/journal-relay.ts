import { journalRegistry } from '@ejournal/contracts';
import { outboxRelay } from '@ejournal/write-path';
import { APP_POOL, APP_URL, JOURNAL_CONFIG } from '../infrastructure/tokens';

const tokens = { config: JOURNAL_CONFIG, pool: APP_POOL, url: APP_URL };
/** Publishes the journal's store to `ejournal.journal.events.v1` (JOURNAL_EVENTS_TOPIC). */
export const JournalRelay = outboxRelay('journal', journalRegistry, tokens);
