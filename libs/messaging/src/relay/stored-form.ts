import type { EventSchemas } from '@ejournal/event-store';

/**
 * Schemas for the relay's store: validation as the service's, but no upcasting on read, so
 * the relay publishes each event in the schema version it was recorded in, exactly as
 * stored. Consumers upcast what they receive with their own registry.
 */
export function withoutUpcasting(schemas: EventSchemas): EventSchemas {
  return {
    validate: (event) => schemas.validate(event),
    upcast: (event) => event,
  };
}
