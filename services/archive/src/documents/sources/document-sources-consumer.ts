import { journalTopicConsumer } from '../../infrastructure/journal-topic-consumer';
import { DocumentSources } from './document-sources';

export const DOCUMENT_SOURCES_CONSUMER = Symbol('DOCUMENT_SOURCES_CONSUMER');

/**
 * The documents' own consumer group on the journal's topic (`DOCUMENTS_CONSUMER_GROUP`): keeps
 * what the year-end documents print and queues their generation. After its retries an event
 * goes to `<topic>.dlq`; a document is never printed from a stream with a gap, since its job
 * reads the versions it names.
 */
export const documentSourcesConsumer = journalTopicConsumer(
  DOCUMENT_SOURCES_CONSUMER,
  DocumentSources,
  (config, sources) => ({
    name: 'documents',
    groupId: config.DOCUMENTS_CONSUMER_GROUP,
    enabled: config.DOCUMENTS_ENABLED,
    handle: (event) => sources.apply(event),
    deadLettered: 'journal event dead-lettered: documents of its stream wait for a rebuild',
  }),
);
