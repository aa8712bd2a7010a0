import { escapeLiteral, type Pool, type PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { listCheckpoints } from '../checkpoints/checkpoint-table';
import { listSigningKeys } from '../checkpoints/key-table';
import { parseCopyBinary, type CopyRow } from './copy-binary';
import type { EventRecord, LeafRecord, Tombstone, VerificationInput } from './verification-input';

const LEAF_INDEX = `(SELECT leaf_index FROM event_store.merkle_leaves AS l
  WHERE l.global_position = e.global_position)`;

const EVENTS = (leafIndexes: boolean) => `COPY (
  SELECT transaction_id, global_position, stream_id, stream_version, event_id, type, recorded_at,
    canonical, prev_hash, hash, ${leafIndexes ? LEAF_INDEX : 'NULL::bigint'}
  FROM event_store.events AS e
  WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY transaction_id, global_position) TO STDOUT (FORMAT binary)`;

// Both streams walk an index in order. Without statistics (a freshly filled table) the planner
// would rather sort the whole table with parallel workers, which spills to disk and takes the
// cores the verifier needs.
const READ_IN_INDEX_ORDER = `SET LOCAL enable_sort = off; SET LOCAL max_parallel_workers_per_gather = 0;
  SET LOCAL jit = off`;

const LEAVES = `COPY (
  SELECT leaf_index, transaction_id, global_position, stream_id, stream_version, event_hash
  FROM event_store.merkle_leaves ORDER BY leaf_index) TO STDOUT (FORMAT binary)`;

/**
 * The store as its database holds it, in one snapshot: two REPEATABLE READ READ ONLY
 * transactions, the second importing the first's snapshot, stream the events and the leaves
 * side by side with binary COPY (bytes as they are, no hex). Read-only transactions take no
 * transaction id, so they hold back neither the readers' horizon nor anyone's writes.
 */
export async function databaseInput(
  pool: Pool,
  description: string,
  { leafIndexes = false } = {},
): Promise<VerificationInput> {
  const [events, leaves] = [await pool.connect(), await pool.connect()];
  try {
    await events.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const exported = await events.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    await leaves.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await leaves.query(`SET TRANSACTION SNAPSHOT ${escapeLiteral(exported.rows[0]?.id ?? '')}`);
    await Promise.all([events, leaves].map((client) => client.query(READ_IN_INDEX_ORDER)));
    const checkpoints = await listCheckpoints(events);
    const keys = await listSigningKeys(events);
    const disposals = await tombstones(events);
    return {
      description,
      events: () => copyRows(events, EVENTS(leafIndexes), toEvent),
      leaves: () => copyRows(leaves, LEAVES, toLeaf),
      checkpoints: async () => checkpoints,
      keys: async () => keys,
      disposals: async () => disposals,
      close: () => end(events, leaves),
    };
  } catch (error) {
    await end(events, leaves).catch(() => undefined);
    throw error;
  }
}

async function end(...clients: PoolClient[]): Promise<void> {
  await Promise.all(
    clients.map((client) => client.query('COMMIT').finally(() => client.release())),
  );
}

async function* copyRows<T>(client: PoolClient, sql: string, decode: (row: CopyRow) => T) {
  for await (const rows of parseCopyBinary(client.query(copyTo(sql)))) yield rows.map(decode);
}

const toEvent = (row: CopyRow): EventRecord => ({
  txId: row.xid8(0),
  position: row.int8(1),
  streamId: row.text(2),
  streamVersion: row.int4(3),
  eventId: row.uuid(4),
  type: row.text(5),
  recordedAt: row.timestamptz(6),
  canonical: row.bytes(7),
  prevHash: row.bytes(8),
  hash: row.bytes(9),
  leafIndex: row.bytes(10) === null ? null : Number(row.int8(10)),
});

const toLeaf = (row: CopyRow): LeafRecord => ({
  leafIndex: Number(row.int8(0)),
  txId: row.xid8(1),
  position: row.int8(2),
  streamId: row.text(3),
  streamVersion: row.int4(4),
  eventHash: row.bytes(5) as Buffer,
});

async function tombstones(client: PoolClient): Promise<Tombstone[]> {
  const { rows } = await client.query<Omit<Tombstone, 'disposedAt'> & { disposedAt: Date }>(
    `SELECT stream_id AS "streamId", act_reference AS "actReference",
       disposed_by AS "disposedBy", executed_by AS "executedBy", disposed_at AS "disposedAt",
       event_count AS "eventCount", last_version AS "lastVersion", last_hash AS "lastHash"
     FROM event_store.disposals ORDER BY disposed_at, stream_id`,
  );
  return rows.map((row) => ({ ...row, disposedAt: row.disposedAt.toISOString() }));
}
