import type { RecordedEvent } from '@ejournal/contracts';
import type { GlobalCheckpoint } from '../event-store.port';

/** The columns every read selects, in the shape {@link toRecordedEvent} decodes. */
// Aliases differ from the column names: ORDER BY would otherwise sort by the text casts.
export const EVENT_COLUMNS = `global_position::text AS position, transaction_id::text AS tx_id,
  canonical, metadata, prev_hash, hash`;

export interface StoredEventRow {
  position: string;
  tx_id: string;
  canonical: Buffer;
  metadata: Record<string, unknown>;
  prev_hash: Buffer | null;
  hash: Buffer | null;
}

/**
 * The event exactly as hashed (its canonical bytes hold every hashed field, data included),
 * completed by the envelope fields outside the hash and the store's own columns. Upcasting is
 * the caller's next step.
 */
export function toRecordedEvent(row: StoredEventRow): RecordedEvent {
  const hashed = JSON.parse(row.canonical.toString('utf8')) as Omit<
    RecordedEvent,
    'globalPosition' | 'prevHash' | 'hash' | 'traceparent'
  >;
  return {
    traceparent: null,
    ...row.metadata,
    ...hashed,
    globalPosition: row.position,
    prevHash: row.prev_hash ? row.prev_hash.toString('hex') : null,
    hash: row.hash ? row.hash.toString('hex') : null,
  };
}

export function checkpointOf(row: StoredEventRow): GlobalCheckpoint {
  return { txId: row.tx_id, position: row.position };
}
