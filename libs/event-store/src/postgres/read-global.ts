import type { GlobalCheckpoint, GlobalPage, EventSchemas } from '../event-store.port';
import type { Queryable } from './queryable';
import { readGlobalQuery } from './read-queries';
import { checkpointOf, toRecordedEvent, type StoredEventRow } from './stored-event';

/** One page of the safe global order, upcast, each event with its checkpoint. */
export async function readGlobal(
  db: Queryable,
  schemas: EventSchemas,
  from: GlobalCheckpoint,
  limit?: number,
  category?: string,
): Promise<GlobalPage> {
  const result = await db.query<StoredEventRow>(readGlobalQuery(from, limit, category));
  const entries = result.rows.map((row) => ({
    event: schemas.upcast(toRecordedEvent(row)),
    checkpoint: checkpointOf(row),
  }));
  return { entries, next: entries.at(-1)?.checkpoint ?? from };
}
