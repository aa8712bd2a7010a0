import { isUniqueViolation, type Queryable } from '../db';
import { UnhashedEventError } from '../errors';
import type { HashedNode, MerkleFrontier } from '../merkle/merkle-frontier';
import { leafHash } from '../merkle/tree-hash';
import {
  insertLogStatement,
  logHeadQuery,
  toLogHead,
  type LogHeadRow,
  unloggedEventsQuery,
  type NewLeaf,
  type UnloggedEvent,
} from './log-queries';
import { isStoredLevel, loadFrontier } from './node-store';

const DEFAULT_BATCH = 5_000;

/**
 * Follows the readers' safe order and appends each event's hash as the next leaf of the
 * store's Merkle log, with the interior nodes it completes. Each batch is one short write
 * transaction (it holds the readers' horizon back while it runs). Builders may run on several
 * replicas: they compute the same leaves, and the leaf index key lets one of them win.
 */
export class LogBuilder {
  private frontier: MerkleFrontier | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly batchSize = DEFAULT_BATCH,
  ) {}

  /** Appends at most one batch; returns how many leaves it added. */
  async appendBatch(): Promise<number> {
    const head = toLogHead((await this.db.query<LogHeadRow>(logHeadQuery)).rows[0]);
    const frontier =
      this.frontier?.size === head.size ? this.frontier : await loadFrontier(this.db, head.size);
    const { rows } = await this.db.query<UnloggedEvent>(unloggedEventsQuery(head, this.batchSize));
    this.frontier = frontier;
    if (rows.length === 0) return 0;
    const next = frontier.clone();
    const leaves: NewLeaf[] = [];
    const nodes: HashedNode[] = [];
    for (const event of rows) {
      const { hash } = event;
      if (hash === null) {
        throw new UnhashedEventError(event.stream_id, event.stream_version, event.position);
      }
      leaves.push({ index: next.size, event: { ...event, hash } });
      next.push(leafHash(hash), (node) => {
        if (isStoredLevel(node.level)) nodes.push(node);
      });
    }
    try {
      await this.db.query(insertLogStatement(leaves, nodes));
    } catch (error) {
      this.frontier = null;
      // Another builder appended these leaves first.
      if (isUniqueViolation(error)) return 0;
      throw error;
    }
    this.frontier = next;
    return rows.length;
  }

  /** Appends batches until the log reaches the readers' horizon; returns the leaves added. */
  async catchUp(): Promise<number> {
    let total = 0;
    for (;;) {
      const added = await this.appendBatch();
      total += added;
      if (added < this.batchSize) return total;
    }
  }
}
