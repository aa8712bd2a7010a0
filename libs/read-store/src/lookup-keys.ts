/**
 * A collection's equality lookups, declared once where its documents are defined: the
 * top-level fields its reads filter on by equality (`_id` is always one). Each becomes an index
 * that serves the filter on the server behind the MongoDB API (see `ensureLookups`).
 */
export interface LookupKeys {
  collection: string;
  /** Top-level fields besides `_id`; a filter on several of them is served by either index. */
  keys: readonly string[];
}

/** A top-level field name an index may be named after: no dots, quotes or `$`. */
const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,47}$/;

/** The keys of a declaration, `_id` first, each checked to be a plain top-level field. */
export function keysOf(lookup: LookupKeys): string[] {
  const keys = ['_id', ...lookup.keys.filter((key) => key !== '_id')];
  for (const key of keys) {
    if (!FIELD.test(key)) {
      throw new Error(
        `lookup key ${JSON.stringify(key)} of ${lookup.collection} is not a top-level field name`,
      );
    }
  }
  return keys;
}
