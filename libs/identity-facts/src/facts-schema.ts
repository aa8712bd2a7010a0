import { InvalidMessagingArgumentError } from '@ejournal/messaging';

/**
 * The PostgreSQL schema a service keeps identity's facts in (`journal_facts`, `diary_facts`):
 * the same tables in each service's own database, created by the service's migration.
 */
export type FactsSchema = string & { readonly factsSchema: unique symbol };

const NAME = /^[a-z][a-z0-9_]{0,62}$/;

export function factsSchema(name: string): FactsSchema {
  if (!NAME.test(name)) {
    throw new InvalidMessagingArgumentError(`"${name}" is not a schema name (a-z, 0-9, _)`);
  }
  return name as FactsSchema;
}
