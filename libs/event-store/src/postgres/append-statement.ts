import type { QueryConfig } from 'pg';
import type { IdempotencyInput } from '../event-store.port';
import type { PreparedAppend } from './prepare-rows';

/**
 * One statement, so one round trip and one short transaction: read the stream's head, insert
 * the events only if the head is the expected version and not recorded later than this batch,
 * then the idempotency record from the inserted positions. The head read assigns no
 * transaction id, so a later append to the same stream, which must see this one committed to
 * pass the check, always gets a higher transaction id: the safe global order keeps stream
 * order. A concurrent append of the same version waits on the unique index and fails.
 */
const APPEND_SQL = `
WITH head AS (
  SELECT coalesce(last.stream_version, 0) AS version, last.recorded_at
  FROM (SELECT 1) AS one
  LEFT JOIN LATERAL (
    SELECT stream_version, recorded_at FROM event_store.events
    WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1
  ) AS last ON true
), inserted AS (
  INSERT INTO event_store.events (event_id, stream_id, stream_version, category, type,
    schema_version, region_id, school_id, occurred_at, recorded_at, canonical, metadata)
  SELECT e.event_id, $1, $3 + e.ord, $2, e.type, e.schema_version, e.region_id, e.school_id,
    e.occurred_at, $4, e.canonical, e.metadata
  FROM head, unnest($5::uuid[], $6::text[], $7::int[], $8::text[], $9::text[],
    $10::timestamptz[], $11::bytea[], $12::jsonb[]) WITH ORDINALITY
    AS e(event_id, type, schema_version, region_id, school_id, occurred_at, canonical, metadata, ord)
  WHERE head.version = $3 AND (head.recorded_at IS NULL OR head.recorded_at <= $4)
  ORDER BY e.ord
  RETURNING global_position, stream_version
), idempotency AS (
  INSERT INTO event_store.idempotency_records (caller, route, key, body_hash, response,
    stream_id, first_version, last_version, positions, recorded_at)
  SELECT $13, $14, $15, $16, $17::jsonb, $1, min(stream_version), max(stream_version),
    array_agg(global_position ORDER BY stream_version), $4
  FROM inserted WHERE $13::text IS NOT NULL HAVING count(*) > 0
)
SELECT head.version AS head_version, head.recorded_at AS head_recorded_at,
  inserted.global_position::text AS global_position
FROM head LEFT JOIN inserted ON true
ORDER BY inserted.stream_version`;

export interface AppendStatementRow {
  head_version: number;
  head_recorded_at: Date | null;
  global_position: string | null;
}

export function appendStatement(
  append: PreparedAppend,
  idempotency?: IdempotencyInput,
): QueryConfig {
  const { rows } = append;
  return {
    name: 'event_store_append',
    text: APPEND_SQL,
    values: [
      append.streamId,
      append.category,
      append.expectedVersion,
      append.recordedAt,
      rows.map((row) => row.eventId),
      rows.map((row) => row.type),
      rows.map((row) => row.schemaVersion),
      rows.map((row) => row.regionId),
      rows.map((row) => row.schoolId),
      rows.map((row) => row.occurredAt),
      rows.map((row) => row.canonical),
      rows.map((row) => JSON.stringify(row.metadata)),
      idempotency?.caller ?? null,
      idempotency?.route ?? null,
      idempotency?.key ?? null,
      idempotency?.bodyHash ?? null,
      idempotency ? JSON.stringify(idempotency.response ?? null) : null,
    ],
  };
}

export type AppendAttempt =
  | { kind: 'appended'; positions: string[] }
  | { kind: 'stale'; headVersion: number }
  | { kind: 'clockBehind'; headRecordedAt: string };

export function interpretAppendRows(
  append: PreparedAppend,
  rows: AppendStatementRow[],
): AppendAttempt {
  const positions = rows.flatMap((row) => (row.global_position ? [row.global_position] : []));
  if (positions.length > 0) return { kind: 'appended', positions };
  const [head] = rows;
  if (!head) throw new Error('The append statement returned no row');
  if (head.head_version !== append.expectedVersion || head.head_recorded_at === null) {
    return { kind: 'stale', headVersion: head.head_version };
  }
  return { kind: 'clockBehind', headRecordedAt: head.head_recorded_at.toISOString() };
}
