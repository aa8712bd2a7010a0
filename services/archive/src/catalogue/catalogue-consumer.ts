import { journalTopicConsumer } from '../infrastructure/journal-topic-consumer';
import { CatalogueProjector } from './catalogue-projector';

export const CATALOGUE_CONSUMER = Symbol('CATALOGUE_CONSUMER');

/**
 * The catalogue's consumer group on the journal's topic (journal and summary streams),
 * idempotent per stream version; after its retries an event goes to `<topic>.dlq` and its
 * record is marked stale with the reason, never silently skipped.
 */
export const catalogueConsumer = journalTopicConsumer(
  CATALOGUE_CONSUMER,
  CatalogueProjector,
  (config, projector) => ({
    name: 'catalogue',
    groupId: config.CATALOGUE_CONSUMER_GROUP,
    enabled: true,
    handle: async (event) => void (await projector.apply(event)),
    deadLettered: 'journal event dead-lettered: its record is stale until rebuilt',
    onDeadLetter: async (letter) => {
      if (letter.streamId) await projector.quarantine(letter.streamId, letter.errorCode);
    },
  }),
);
