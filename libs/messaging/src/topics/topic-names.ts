import { InvalidMessagingArgumentError } from '../errors';

const CONTEXT = /^[a-z][a-z0-9-]{0,40}$/;

/** The versioned topic of a bounded context's facts: `ejournal.journal.events.v1`. */
export function eventsTopic(context: string): string {
  if (!CONTEXT.test(context)) {
    throw new InvalidMessagingArgumentError(`"${context}" is not a context name (a-z, 0-9, -)`);
  }
  return `ejournal.${context}.events.v1`;
}

/** Where a consumer of `topic` parks the messages it could not process. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
