import { LogIncompleteError } from '../errors';
import type { Queryable } from '../db';
import { MerkleFrontier } from '../merkle/merkle-frontier';
import { leafHash, nodeHash } from '../merkle/tree-hash';
import { nodeKey, type NodeId } from '../merkle/tree-ranges';

/** Interior nodes are stored at every STRIDE-th level (migration 004 checks the same). */
export const NODE_LEVEL_STRIDE = 4;

export const isStoredLevel = (level: number) => level > 0 && level % NODE_LEVEL_STRIDE === 0;

interface Need {
  id: NodeId;
  base: number;
  from: number;
  to: number;
}

// Each range holds at most 8 rows (2^(level - stored level)). The LIMIT keeps each LATERAL an
// index range scan: without it PostgreSQL may turn the ranges into a hash join over the whole
// table, which it did for merkle_nodes at a million leaves.
const NODES_SQL = `
SELECT 0 AS level, l.leaf_index::text AS node_index, l.event_hash AS hash
FROM unnest($1::bigint[], $2::bigint[]) AS r(lo, hi), LATERAL (
  SELECT leaf_index, event_hash FROM event_store.merkle_leaves
  WHERE leaf_index >= r.lo AND leaf_index < r.hi LIMIT 8) AS l
UNION ALL
SELECT r.level, n.node_index::text, n.hash
FROM unnest($3::smallint[], $4::bigint[], $5::bigint[]) AS r(level, lo, hi), LATERAL (
  SELECT node_index, hash FROM event_store.merkle_nodes
  WHERE level = r.level AND node_index >= r.lo AND node_index < r.hi LIMIT 8) AS n`;

/**
 * The hashes of complete subtrees, each folded from the stored level at or below it (leaves
 * for levels 1 to 3, level 4 nodes for 5 to 7, ...): one round trip for any number of nodes.
 */
export async function loadNodeHashes(db: Queryable, ids: NodeId[]): Promise<Map<string, Buffer>> {
  const needs: Need[] = ids.map((id) => {
    const base = id.level - (id.level % NODE_LEVEL_STRIDE);
    const width = 2 ** (id.level - base);
    return { id, base, from: id.index * width, to: (id.index + 1) * width };
  });
  const leaves = needs.filter((need) => need.base === 0);
  const nodes = needs.filter((need) => need.base > 0);
  const result = await db.query<{ level: number; node_index: string; hash: Buffer }>({
    text: NODES_SQL,
    values: [
      leaves.map((need) => need.from),
      leaves.map((need) => need.to),
      nodes.map((need) => need.base),
      nodes.map((need) => need.from),
      nodes.map((need) => need.to),
    ],
  });
  const stored = new Map<string, Buffer>();
  for (const row of result.rows) {
    const id = { level: row.level, index: Number(row.node_index) };
    stored.set(nodeKey(id), row.level === 0 ? leafHash(row.hash) : row.hash);
  }
  return new Map(needs.map((need) => [nodeKey(need.id), foldNeed(need, stored)]));
}

function foldNeed({ id, base, from, to }: Need, stored: Map<string, Buffer>): Buffer {
  let level: Buffer[] = [];
  for (let index = from; index < to; index++) {
    const hash = stored.get(nodeKey({ level: base, index }));
    if (!hash) throw new LogIncompleteError(`node ${base}:${index} (for ${nodeKey(id)})`);
    level.push(hash);
  }
  while (level.length > 1) {
    level = Array.from({ length: level.length / 2 }, (_, i) =>
      nodeHash(level[2 * i] as Buffer, level[2 * i + 1] as Buffer),
    );
  }
  return level[0] as Buffer;
}

/** The right edge of the stored log at `size` leaves (any size up to the current one). */
export async function loadFrontier(db: Queryable, size: number): Promise<MerkleFrontier> {
  const ids = MerkleFrontier.nodesOf(size);
  const hashes = await loadNodeHashes(db, ids);
  return MerkleFrontier.restore(
    size,
    ids.map((id) => hashes.get(nodeKey(id)) as Buffer),
  );
}
