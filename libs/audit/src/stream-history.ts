import type { Pool } from 'pg';

/** The why of a change, where its event carries it (corrections, reopenings, approvals). */
export interface ChangeAuthority {
  reason: string | null;
  authorisedBy: string | null;
  orderRef: string | null;
  policyVersion: number | null;
}

/** One event of a stream as recorded, for an auditor: the envelope, the why, the hashes. */
export interface HistoryEntry {
  streamVersion: number;
  globalPosition: string;
  leafIndex: string | null;
  eventId: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  /** Null once the stream was disposed of: its payload is gone, its hashes stay. */
  actor: { userId: string; role: string; onBehalfOf: string | null } | null;
  tenant: { regionId: string; schoolId: string | null } | null;
  correlationId: string | null;
  causationId: string | null;
  change: ChangeAuthority;
  data: Record<string, unknown> | null;
  prevHash: string | null;
  hash: string | null;
}

export interface StreamHistory {
  streamId: string;
  asOf: string | null;
  disposal: Record<string, unknown> | null;
  events: HistoryEntry[];
}

interface Row {
  global_position: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  occurred_at: Date;
  recorded_at: Date;
  canonical: Buffer | null;
  prev_hash: string | null;
  hash: string | null;
  leaf_index: string | null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/**
 * A stream's events exactly as the store recorded them (the hashed bytes, not upcast), up to
 * `asOf` (`recordedAt`, the store's instant) when given, with each change's actor, reason,
 * authorising person, order and policy version, its hashes and its leaf in the Merkle log.
 */
export async function streamHistory(
  pool: Pool,
  streamId: string,
  asOf: Date | null,
): Promise<StreamHistory | null> {
  const { rows } = await pool.query<Row>(
    `SELECT e.global_position::text, e.stream_version, e.event_id::text, e.type, e.schema_version,
       e.occurred_at, e.recorded_at, e.canonical, encode(e.prev_hash, 'hex') AS prev_hash,
       encode(e.hash, 'hex') AS hash, l.leaf_index::text
     FROM event_store.events AS e
     LEFT JOIN event_store.merkle_leaves AS l ON l.global_position = e.global_position
     WHERE e.stream_id = $1 AND ($2::timestamptz IS NULL OR e.recorded_at <= $2)
     ORDER BY e.stream_version`,
    [streamId, asOf],
  );
  const disposals = await pool.query(
    `SELECT act_reference AS "actReference", disposed_by AS "disposedBy",
       executed_by AS "executedBy", disposed_at AS "disposedAt", event_count AS "eventCount",
       last_version AS "lastVersion", encode(last_hash, 'hex') AS "lastHash"
     FROM event_store.disposals WHERE stream_id = $1`,
    [streamId],
  );
  if (rows.length === 0 && disposals.rowCount === 0) return null;
  return {
    streamId,
    asOf: asOf?.toISOString() ?? null,
    disposal: disposals.rows[0] ?? null,
    events: rows.map(entryOf),
  };
}

function entryOf(row: Row): HistoryEntry {
  const event = row.canonical
    ? (JSON.parse(row.canonical.toString('utf8')) as Record<string, unknown>)
    : null;
  const data = (event?.['data'] as Record<string, unknown> | undefined) ?? null;
  return {
    streamVersion: row.stream_version,
    globalPosition: row.global_position,
    leafIndex: row.leaf_index,
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    actor: (event?.['actor'] as HistoryEntry['actor']) ?? null,
    tenant: (event?.['tenant'] as HistoryEntry['tenant']) ?? null,
    correlationId: text(event?.['correlationId']),
    causationId: text(event?.['causationId']),
    change: {
      reason: text(data?.['reason']),
      authorisedBy: text(data?.['authorisedBy']),
      orderRef: text(data?.['orderRef']),
      policyVersion: typeof data?.['policyVersion'] === 'number' ? data['policyVersion'] : null,
    },
    data,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
