import type { QueryConfig } from 'pg';
import type { OrderKey } from '../db';
import type { HashedNode } from '../merkle/merkle-frontier';

export interface LogHead extends OrderKey {
  /** Number of leaves, i.e. the index the next leaf gets. */
  size: number;
}

export const logHeadQuery: QueryConfig = {
  name: 'integrity_log_head',
  // Aliases differ from the columns: ORDER BY would otherwise sort by the text casts.
  text: `SELECT leaf_index::text AS last_index, transaction_id::text AS tx_id,
      global_position::text AS position
    FROM event_store.merkle_leaves ORDER BY leaf_index DESC LIMIT 1`,
};

export interface LogHeadRow {
  last_index: string;
  tx_id: string;
  position: string;
}

export function toLogHead(row?: LogHeadRow): LogHead {
  return row
    ? { size: Number(row.last_index) + 1, txId: row.tx_id, position: row.position }
    : { size: 0, txId: '0', position: '0' };
}

export interface UnloggedEvent {
  tx_id: string;
  position: string;
  stream_id: string;
  stream_version: number;
  hash: Buffer | null;
}

/** The next events of the readers' safe order after the last leaf, disposed ones included. */
export function unloggedEventsQuery(after: OrderKey, limit: number): QueryConfig {
  return {
    text: `SELECT transaction_id::text AS tx_id, global_position::text AS position, stream_id,
        stream_version, hash
      FROM event_store.events
      WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        AND (transaction_id, global_position) > ($1::xid8, $2::bigint)
      ORDER BY transaction_id, global_position LIMIT $3`,
    values: [after.txId, after.position, limit],
  };
}

export interface NewLeaf {
  index: number;
  event: UnloggedEvent & { hash: Buffer };
}

/** Leaves and the nodes they complete, in one statement: both or neither. */
export function insertLogStatement(leaves: NewLeaf[], nodes: HashedNode[]): QueryConfig {
  return {
    text: `WITH leaves AS (
        INSERT INTO event_store.merkle_leaves (leaf_index, transaction_id, global_position,
          stream_id, stream_version, event_hash)
        SELECT * FROM unnest($1::bigint[], $2::xid8[], $3::bigint[], $4::text[], $5::int[],
          $6::bytea[]))
      INSERT INTO event_store.merkle_nodes (level, node_index, hash)
      SELECT * FROM unnest($7::smallint[], $8::bigint[], $9::bytea[])`,
    values: [
      leaves.map((leaf) => leaf.index),
      leaves.map((leaf) => leaf.event.tx_id),
      leaves.map((leaf) => leaf.event.position),
      leaves.map((leaf) => leaf.event.stream_id),
      leaves.map((leaf) => leaf.event.stream_version),
      leaves.map((leaf) => leaf.event.hash),
      nodes.map((node) => node.level),
      nodes.map((node) => node.index),
      nodes.map((node) => node.hash),
    ],
  };
}
