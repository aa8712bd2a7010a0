import type { RecordedEvent } from '@ejournal/contracts';
import type { GlobalCheckpoint } from '../event-store.port';

/** The columns every read selects, in the shape {@link toRecordedEvent} decodes. */
// Aliases differ from the column names: ORDER BY would otherwise sort by the text casts.
// The canonical bytes travel as UTF-8 text and the hashes as hex: a bytea column would be
// hex-encoded by the server and decoded again here, the largest cost of a replay.
export const EVENT_COLUMNS = `global_position::text AS position, transaction_id::text AS tx_id,
  convert_from(canonical, 'UTF8') AS canonical_json, metadata->>'traceparent' AS traceparent,
  encode(prev_hash, 'hex') AS prev_hash, encode(hash, 'hex') AS hash`;

export interface StoredEventRow {
  position: string;
  tx_id: string;
  canonical_json: string;
  traceparent: string | null;
  prev_hash: string | null;
  hash: string | null;
}

/**
 * The event exactly as hashed (its canonical bytes hold every hashed field, data included),
 * completed by the envelope fields outside the hash and the store's own columns. Upcasting is
 * the caller's next step.
 */
export function toRecordedEvent(row: StoredEventRow): RecordedEvent {
  const hashed = JSON.parse(row.canonical_json) as Omit<
    RecordedEvent,
    'globalPosition' | 'prevHash' | 'hash' | 'traceparent'
  >;
  return {
    ...hashed,
    traceparent: row.traceparent,
    globalPosition: row.position,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export function checkpointOf(row: StoredEventRow): GlobalCheckpoint {
  return { txId: row.tx_id, position: row.position };
}
