import type { Writable } from 'node:stream';
import { escapeLiteral, type Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { findCheckpoint } from '../checkpoints/checkpoint-table';
import { listSigningKeys } from '../checkpoints/key-table';
import { NotFoundError } from '../errors';
import { loadNodeHashes } from '../log/node-store';
import { nodeHash } from '../merkle/tree-hash';
import { nodeKey, rangeNodes, type LeafRange } from '../merkle/tree-ranges';
import { NdjsonWriter } from './event-line-writer';
import { EventRows } from './event-rows';
import { multiproofRanges } from './multiproof';
import { STREAM_EXPORT_FORMAT, type StreamSelection } from './stream-export-format';

const READ_ONLY = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';
const NODE_BATCH = 20_000;
const IN_INDEX_ORDER =
  'SET LOCAL enable_sort = off; SET LOCAL enable_hashjoin = off; SET LOCAL max_parallel_workers_per_gather = 0';

/** The selection as SQL over `e.stream_id` (and the events' indexed `e.category`). */
function where({ streams, category }: StreamSelection, hasCategory = true): string {
  if (streams) return `e.stream_id IN (${streams.map(escapeLiteral).join(', ') || 'NULL'})`;
  if (!category) return 'TRUE';
  const column = hasCategory ? 'e.category' : `split_part(e.stream_id, '-', 1)`;
  return `${column} = ${escapeLiteral(category)}`;
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
  options: { source?: string; clock?: () => Date } = {},
): Promise<{ events: number; streams: number; proofNodes: number }> {
  const client = await pool.connect();
  const writer = new NdjsonWriter(out);
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
    const copy = client.query(
      copyTo(`COPY (
        SELECT e.stream_id, e.stream_version, e.global_position, e.event_id, e.type, e.recorded_at,
          e.canonical, e.hash, l.leaf_index
        FROM event_store.events AS e
        JOIN event_store.merkle_leaves AS l ON l.global_position = e.global_position
        WHERE ${where(selection)} AND l.leaf_index < ${checkpoint.treeSize}
        ORDER BY e.global_position) TO STDOUT (FORMAT binary)`),
    );
    const rows = new EventRows(writer);
    // Read to the stream's end even after the trailer, so the connection finishes the COPY.
    for await (const chunk of copy) await rows.push(chunk as Buffer);
    rows.finish();
    const { streams, count: events } = rows;
    const sorted = rows.leafIndexes.subarray(0, events).sort();
    const nodes = await rangeHashes(client, multiproofRanges(sorted, checkpoint.treeSize));
    const { checkpointId, treeSize } = checkpoint;
    await line({ kind: 'proof', checkpointId, treeSize, nodes });
    await line({ kind: 'end', events, streams: streams.size });
    await writer.flush();
    return { events, streams: streams.size, proofNodes: nodes.length };
  } finally {
    await client.query('COMMIT').catch(() => undefined);
    client.release();
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
