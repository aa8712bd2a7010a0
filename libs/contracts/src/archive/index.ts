import { EventRegistry } from '../registry/event-registry';
import { DOCUMENT_EVENTS } from './document.events';
import { RETENTION_EVENTS } from './retention.events';

export * from './document.events';
export * from './retention.events';

/**
 * The archive's own store: legal holds and disposals per record, disposal acts (retention and
 * disposal, issue 16); the year-end documents and signatures of each record.
 */
export const archiveRegistry = new EventRegistry().register(
  ...RETENTION_EVENTS,
  ...DOCUMENT_EVENTS,
);
