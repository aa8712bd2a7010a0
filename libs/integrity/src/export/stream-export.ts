import type { Writable } from 'node:stream';
import { escapeLiteral, type Pool, type PoolClient } from 'pg';
import { findCheckpoint } from '../checkpoints/checkpoint-table';
import { listSigningKeys } from '../checkpoints/key-table';
import { NotFoundError } from '../errors';
import { loadNodeHashes } from '../log/node-store';
import { nodeHash } from '../merkle/tree-hash';
import { nodeKey, rangeNodes, type LeafRange } from '../merkle/tree-ranges';
import { NdjsonWriter } from './event-line-writer';
import { EVENT_COLUMNS, RowTally } from './event-rows';
import { copyPieces } from './export-pieces';
import { multiproofRanges } from './multiproof';
import { STREAM_EXPORT_FORMAT, type StreamSelection } from './stream-export-format';

const READ_ONLY = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';
const NODE_BATCH = 20_000;
/** Events a piece of the store's order holds at least, and how many pieces there are at most. */
const PIECE_EVENTS = 1 << 15;
const MAX_PIECES = 64;
const IN_INDEX_ORDER =
  'SET LOCAL enable_sort = off; SET LOCAL enable_hashjoin = off; SET LOCAL max_parallel_workers_per_gather = 0';

/** The selection as SQL over `e.stream_id` (and the events' indexed `e.category`). */
function where({ streams, category }: StreamSelection, hasCategory = true): string {
  if (streams) return `e.stream_id IN (${streams.map(escapeLiteral).join(', ') || 'NULL'})`;
  if (!category) return 'TRUE';
  const column = hasCategory ? 'e.category' : `split_part(e.stream_id, '-', 1)`;
  return `${column} = ${escapeLiteral(category)}`;
}

/** How `exportStreams` reads the store; every way writes the same bytes. */
export interface ExportOptions {
  source?: string;
  clock?: () => Date;
  /**
   * Connections sharing the export's snapshot, each running its share of the pieces of the
   * store's order (2 by default; 1 when the pool holds fewer; chosen streams: always 1).
   */
  connections?: number;
  /** Global positions a piece spans at least (a spec's small store in many pieces). */
  pieceEvents?: number;
  /**
   * Bytes of lines a piece spelled ahead of the one being written may hold before its COPY
   * waits (64 MB): with the file, what bounds the export's memory.
   */
  aheadBytes?: number;
}

/**
 * Writes the chosen streams as `ejournal-stream-export/1` (see the format's file) from one
 * snapshot of the store, with one batch inclusion proof in its latest checkpoint. Offline,
 * `verifyStreamExport` checks it with the public keys alone.
 */
export async function exportStreams(
  pool: Pool,
  selection: StreamSelection,
  out: Writable,
  options: ExportOptions = {},
): Promise<{ events: number; streams: number; proofNodes: number }> {
  const client = await pool.connect();
  const others: PoolClient[] = [];
  let broken = false;
  const writer = new NdjsonWriter(out, 96);
  const line = (value: object) => writer.line(value);
  try {
    await client.query(READ_ONLY);
    await client.query('SET LOCAL jit = off');
    const checkpoint = await findCheckpoint(client);
    if (!checkpoint) throw new NotFoundError('No checkpoint yet: nothing can be proven');
    const exportedAt = (options.clock ?? (() => new Date()))().toISOString();
    const source = options.source ?? 'database';
    await line({ kind: 'header', format: STREAM_EXPORT_FORMAT, source, exportedAt, selection });
    for (const key of await listSigningKeys(client)) await line({ kind: 'key', ...key });
    await line({ kind: 'checkpoint', ...checkpoint });
    const disposals = await client.query(
      `SELECT stream_id AS "streamId", act_reference AS "actReference", disposed_by AS "disposedBy",
         executed_by AS "executedBy", disposed_at AS "disposedAt", event_count AS "eventCount",
         last_version AS "lastVersion", encode(last_hash, 'hex') AS "lastHash"
       FROM event_store.disposals AS e WHERE ${where(selection, false)} ORDER BY stream_id`,
    );
    for (const row of disposals.rows) {
      await line({ kind: 'disposal', ...row, disposedAt: row.disposedAt.toISOString() });
    }
    // The whole store or a category: both sides in index order, merged, never sorted (a sort of
    // a million payloads spills to disk); a few chosen streams: their rows, then sorted.
    if (!selection.streams) await client.query(IN_INDEX_ORDER);
    const covered = `${where(selection)} AND l.leaf_index < ${checkpoint.treeSize}`;
    const wanted = selection.streams ? 1 : Math.max(1, options.connections ?? 2);
    const statements = await pieceStatements(client, selection, covered, options.pieceEvents);
    await snapshotSharers(client, pool, Math.min(wanted, statements.length), others);
    const tally = new RowTally();
    broken = true;
    await copyPieces([client, ...others], statements, writer, tally, options.aheadBytes);
    broken = false;
    const { streams, count: events } = tally;
    const sorted = tally.leafIndexes.subarray(0, events).sort();
    const nodes = await rangeHashes(client, multiproofRanges(sorted, checkpoint.treeSize));
    const { checkpointId, treeSize } = checkpoint;
    await line({ kind: 'proof', checkpointId, treeSize, nodes });
    await line({ kind: 'end', events, streams: streams.size });
    await writer.flush();
    return { events, streams: streams.size, proofNodes: nodes.length };
  } finally {
    // A COPY left part way leaves its connection unusable: it is closed, not pooled.
    for (const other of others) {
      if (!broken) await other.query('COMMIT').catch(() => undefined);
      other.release(broken);
    }
    if (!broken) await client.query('COMMIT').catch(() => undefined);
    client.release(broken);
  }
}

/**
 * The COPY statements of the export's lines in the store's order: for the whole store or a
 * category, ranges of global positions of {@link PIECE_EVENTS} positions or more (both sides
 * of the join bounded, so each is two index range scans merged); chosen streams in one.
 */
async function pieceStatements(
  client: PoolClient,
  selection: StreamSelection,
  covered: string,
  pieceEvents = PIECE_EVENTS,
): Promise<string[]> {
  const statement = (range: string) => `COPY (
    SELECT ${EVENT_COLUMNS}
    FROM event_store.events AS e
    JOIN event_store.merkle_leaves AS l ON l.global_position = e.global_position
    WHERE ${covered}${range}
    ORDER BY e.global_position) TO STDOUT (FORMAT binary)`;
  if (selection.streams) return [statement('')];
  const { rows } = await client.query<{ first: string | null; last: string | null }>(
    `SELECT min(e.global_position)::text AS first, max(e.global_position)::text AS last
     FROM event_store.events AS e WHERE ${where(selection)}`,
  );
  const { first, last } = rows[0] ?? { first: null, last: null };
  if (first === null || last === null) return [statement('')];
  const from = BigInt(first);
  const span = BigInt(last) - from + 1n;
  const pieces = BigInt(Math.min(MAX_PIECES, Math.max(1, Number(span / BigInt(pieceEvents)))));
  const statements: string[] = [];
  for (let i = 0n; i < pieces; i++) {
    const low = from + (span * i) / pieces;
    const high = from + (span * (i + 1n)) / pieces;
    const range = (side: string) =>
      `${side}.global_position >= ${low} AND ${side}.global_position < ${high}`;
    statements.push(statement(` AND ${range('e')} AND ${range('l')}`));
  }
  return statements;
}

/**
 * Up to `count - 1` more connections (into `sharers`) in the snapshot of `client`'s transaction
 * (`pg_export_snapshot`), taken only while the pool can still grow or has idle ones: a pool
 * of one would otherwise wait for the connection this export holds.
 */
async function snapshotSharers(
  client: PoolClient,
  pool: Pool,
  count: number,
  sharers: PoolClient[],
): Promise<void> {
  if (count < 2) return;
  const { rows } = await client.query<{ snapshot: string }>(
    'SELECT pg_export_snapshot() AS snapshot',
  );
  const snapshot = escapeLiteral(rows[0]?.snapshot ?? '');
  const max = (pool as unknown as { options?: { max?: number } }).options?.max ?? 10;
  while (sharers.length < count - 1 && (pool.idleCount > 0 || pool.totalCount < max)) {
    const sharer = await pool.connect();
    try {
      await sharer.query(READ_ONLY);
      await sharer.query(`SET TRANSACTION SNAPSHOT ${snapshot}`);
      await sharer.query('SET LOCAL jit = off');
      await sharer.query(IN_INDEX_ORDER);
    } catch (error) {
      sharer.release(true);
      throw error;
    }
    sharers.push(sharer);
  }
}

/** Each range's hash (hex), folded from its complete subtrees, a batch of nodes at a time. */
async function rangeHashes(
  client: Parameters<typeof loadNodeHashes>[0],
  ranges: LeafRange[],
): Promise<string[]> {
  const hashes: string[] = [];
  for (let from = 0; from < ranges.length; from += NODE_BATCH) {
    const batch = ranges.slice(from, from + NODE_BATCH).map(rangeNodes);
    const loaded = await loadNodeHashes(client, batch.flat());
    for (const ids of batch) {
      const folded = ids
        .map((id) => loaded.get(nodeKey(id)) as Buffer)
        .reduceRight((right, left) => nodeHash(left, right));
      hashes.push(folded.toString('hex'));
    }
  }
  return hashes;
}
