import type { QueryConfig } from 'pg';
import type { IdempotencyInput } from '../event-store.port';
import type { PreparedAppend } from './prepare-rows';

// What the first event of a stream chains from. After an unhashed head (an append with
// hashing off) the chain stays NULL rather than restart.
const PREFIX = `CASE WHEN head.version = 0 THEN '\\x${'00'.repeat(32)}'::bytea ELSE head.hash END`;

// Row 0 carries the head's hash; row n the hash of the batch's n-th event.
const CHAIN_CTE = `chain(ord, prev_hash, hash) AS (
  SELECT 0::bigint, NULL::bytea, ${PREFIX} FROM head
  UNION ALL
  SELECT chain.ord + 1, CASE WHEN chain.ord = 0 THEN head.hash ELSE chain.hash END,
    sha256(chain.hash || ($11::bytea[])[chain.ord + 1])
  FROM chain, head WHERE chain.ord < cardinality($11::bytea[])
)`;

// The same for the most frequent append, a single event, without the recursion's cost.
const ONE_LINK_CTE = `chain(ord, prev_hash, hash) AS (
  SELECT 1::bigint, head.hash, sha256(${PREFIX} || ($11::bytea[])[1]) FROM head
)`;

type Chain = 'none' | 'one' | 'many';

/**
 * One statement, so one round trip and one short transaction: read the stream's head, insert
 * the events only if the head is the expected version and not recorded later than this batch,
 * then the idempotency record from the inserted positions. The head read assigns no
 * transaction id, so a later append to the same stream, which must see this one committed to
 * pass the check, always gets a higher transaction id: the safe global order keeps stream
 * order. A concurrent append of the same version waits on the unique index and fails.
 *
 * With hashing, the same head read also takes the head's hash, and a recursive step (a plain
 * one for a single event) chains the batch from it (`chainHash` of @ejournal/contracts, in
 * SQL): the hash a row links to is the one its version check was made against, never a value
 * read in an earlier transaction.
 */
const appendSql = (chain: Chain) => `
WITH RECURSIVE head AS (
  SELECT coalesce(last.stream_version, 0) AS version, last.recorded_at, last.hash
  FROM (SELECT 1) AS one
  LEFT JOIN LATERAL (
    SELECT stream_version, recorded_at, hash FROM event_store.events
    WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1
  ) AS last ON true
), ${{ none: '', one: `${ONE_LINK_CTE},`, many: `${CHAIN_CTE},` }[chain]} inserted AS (
  INSERT INTO event_store.events (event_id, stream_id, stream_version, category, type,
    schema_version, region_id, school_id, occurred_at, recorded_at, canonical, metadata,
    prev_hash, hash)
  SELECT e.event_id, $1, $3 + e.ord, $2, e.type, e.schema_version, e.region_id, e.school_id,
    e.occurred_at, $4, e.canonical, e.metadata,
    ${chain === 'none' ? 'NULL, NULL' : 'chain.prev_hash, chain.hash'}
  FROM head, unnest($5::uuid[], $6::text[], $7::int[], $8::text[], $9::text[],
    $10::timestamptz[], $11::bytea[], $12::jsonb[]) WITH ORDINALITY
    AS e(event_id, type, schema_version, region_id, school_id, occurred_at, canonical, metadata, ord)
  ${chain === 'none' ? '' : 'JOIN chain ON chain.ord = e.ord'}
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

const APPEND_SQL: Record<Chain, string> = {
  none: appendSql('none'),
  one: appendSql('one'),
  many: appendSql('many'),
};

export interface AppendStatementRow {
  head_version: number;
  head_recorded_at: Date | null;
  global_position: string | null;
}

export function appendStatement(
  append: PreparedAppend,
  idempotency?: IdempotencyInput,
  hashing = true,
): QueryConfig {
  const { rows } = append;
  const chain: Chain = !hashing ? 'none' : rows.length === 1 ? 'one' : 'many';
  return {
    name: `event_store_append_${chain}`,
    text: APPEND_SQL[chain],
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
