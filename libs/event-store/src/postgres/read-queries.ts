import type { QueryConfig } from 'pg';
import { InvalidEventStoreArgumentError } from '../errors';
import type { GlobalCheckpoint, ReadStreamOptions } from '../event-store.port';
import { assertStreamId } from '../stream-id';
import { EVENT_COLUMNS } from './stored-event';

const MAX_VERSION = 2_147_483_647;
export const DEFAULT_PAGE_SIZE = 500;
// A disposed stream keeps its rows (their hashes hold the Merkle log together) but no payload:
// readers skip them, as if the events were gone.
const KEPT = 'canonical IS NOT NULL';

export function readStreamQuery(streamId: string, options: ReadStreamOptions = {}): QueryConfig {
  const forwards = (options.direction ?? 'forwards') === 'forwards';
  const from = options.from ?? (forwards ? 1 : MAX_VERSION);
  assertCount('from', from, 0);
  if (options.limit !== undefined) assertCount('limit', options.limit, 1);
  return {
    text: `SELECT ${EVENT_COLUMNS} FROM event_store.events
      WHERE stream_id = $1 AND stream_version ${forwards ? '>=' : '<='} $2
        AND ($4::timestamptz IS NULL OR recorded_at <= $4) AND ${KEPT}
      ORDER BY stream_version ${forwards ? 'ASC' : 'DESC'} LIMIT $3`,
    values: [streamId, Math.min(from, MAX_VERSION), options.limit ?? null, options.asOf ?? null],
  };
}

/**
 * Each stream's last kept version, by a backwards index scan per stream that stops at its
 * first kept row (`events_stream_version_key`), not an aggregate over the stream's history.
 */
export function streamVersionsQuery(streamIds: readonly string[]): QueryConfig {
  for (const streamId of streamIds) assertStreamId(streamId);
  return {
    text: `SELECT s.stream_id AS "streamId", last.stream_version AS version
      FROM unnest($1::text[]) AS s(stream_id)
      CROSS JOIN LATERAL (
        SELECT stream_version FROM event_store.events e
        WHERE e.stream_id = s.stream_id AND ${KEPT}
        ORDER BY stream_version DESC LIMIT 1
      ) last`,
    values: [[...new Set(streamIds)]],
  };
}

/**
 * The safe global order: rows of transactions older than the oldest one still running
 * anywhere in the cluster (pg_snapshot_xmin), ordered by (transaction id, position). Every
 * such transaction has ended, so no row can later appear before a returned one: a reader that
 * continues after the last pair never skips a late commit and never sees a row twice.
 */
export function readGlobalQuery(
  from: GlobalCheckpoint,
  limit: number = DEFAULT_PAGE_SIZE,
  category?: string,
): QueryConfig {
  assertCheckpoint(from);
  assertCount('limit', limit, 1);
  return {
    name: category === undefined ? 'event_store_read_all' : 'event_store_read_category',
    text: `SELECT ${EVENT_COLUMNS} FROM event_store.events
      WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        AND (transaction_id, global_position) > ($1::xid8, $2::bigint) AND ${KEPT}
        ${category === undefined ? '' : 'AND category = $4'}
      ORDER BY transaction_id, global_position LIMIT $3`,
    values: [from.txId, from.position, limit, ...(category === undefined ? [] : [category])],
  };
}

/** The last event of a category in the safe global order (see readGlobalQuery). */
export function categoryHeadQuery(category: string): QueryConfig {
  return {
    text: `SELECT transaction_id::text AS "txId", global_position::text AS position
      FROM event_store.events
      WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot()) AND category = $1
      ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    values: [category],
  };
}

function assertCount(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new InvalidEventStoreArgumentError(`${name} must be a whole number >= ${min}`);
  }
}

function assertCheckpoint(checkpoint: GlobalCheckpoint): void {
  const decimal = /^(0|[1-9][0-9]{0,19})$/;
  if (!decimal.test(checkpoint?.txId) || !decimal.test(checkpoint?.position)) {
    throw new InvalidEventStoreArgumentError('A global checkpoint holds two decimal integers');
  }
}
