import { HASHED_FIELDS, hashedBytes, type NewEvent, type RecordedEvent } from '@ejournal/contracts';
import { categoryOf } from '../stream-id';

/** One event as the append statement inserts it. */
export interface EventRow {
  eventId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  regionId: string;
  schoolId: string | null;
  occurredAt: string;
  /** UTF-8 RFC 8785 JSON of the hashed fields: the bytes the hash chain covers. */
  canonical: Buffer;
  /** The envelope fields outside the hash (traceparent and any the contracts add later). */
  metadata: Record<string, unknown>;
}

export interface PreparedAppend {
  streamId: string;
  category: string;
  /** The stream version the rows follow; the statement inserts nothing if the stream moved. */
  expectedVersion: number;
  /** One store instant for the whole batch, in the rows' bytes and in their column. */
  recordedAt: string;
  rows: EventRow[];
}

const HASHED = new Set<string>(HASHED_FIELDS);
// Set by the store after insert or by the hash chain, never taken from the caller.
const STORE_FIELDS = new Set(['globalPosition', 'prevHash', 'hash']);

/** Gives each event its place in the stream and the store's instant, and freezes its bytes. */
export function prepareRows(
  streamId: string,
  expectedVersion: number,
  events: NewEvent[],
  recordedAt: string,
): PreparedAppend {
  const rows = events.map((event, index): EventRow => {
    const streamVersion = expectedVersion + index + 1;
    const recorded: Pick<RecordedEvent, (typeof HASHED_FIELDS)[number]> = {
      ...event,
      streamId,
      streamVersion,
      recordedAt,
    };
    return {
      eventId: event.eventId,
      streamVersion,
      type: event.type,
      schemaVersion: event.schemaVersion,
      regionId: event.tenant.regionId,
      schoolId: event.tenant.schoolId,
      occurredAt: event.occurredAt,
      canonical: hashedBytes(recorded),
      metadata: Object.fromEntries(
        Object.entries(event).filter(([field]) => !HASHED.has(field) && !STORE_FIELDS.has(field)),
      ),
    };
  });
  return { streamId, category: categoryOf(streamId), expectedVersion, recordedAt, rows };
}
