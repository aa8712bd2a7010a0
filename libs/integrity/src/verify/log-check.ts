import { compareOrder } from '../db';
import type { ExpectedRoot } from './checkpoint-check';
import { MerkleReplay } from './merkle-replay';
import { problem, type Location, type Problem } from './problems';
import type { EventRecord, LeafRecord } from './verification-input';

const leafAt = (leaf: LeafRecord): Location => ({
  streamId: leaf.streamId,
  streamVersion: leaf.streamVersion,
  globalPosition: leaf.position,
  leafIndex: leaf.leafIndex,
});

/**
 * Follows the Merkle log's leaves: each must be the next index, follow the safe order and
 * match its event. Their roots are replayed on a worker; once all leaves are in, the root at
 * each checkpoint's size must be the signed one. A mismatch is located at the first leaf after
 * the last checkpoint that matched.
 */
export class LogCheck {
  private readonly sizes: number[];
  private readonly replay: MerkleReplay;
  /** The leaves that start a checkpoint's range, by their place in the log. */
  private readonly rangeStarts = new Map<number, Location>();
  private previous: LeafRecord | null = null;
  private leaves = 0;
  latestVerified: ExpectedRoot | null = null;

  constructor(private readonly expected: Map<number, ExpectedRoot[]>) {
    this.sizes = [...expected.keys()].sort((a, b) => a - b);
    this.replay = new MerkleReplay(this.sizes);
  }

  get size(): number {
    return this.leaves;
  }

  /** Adds the next leaf; `event` is the row at the leaf's place, or null when it is gone. */
  add(leaf: LeafRecord, event: EventRecord | null): Problem[] {
    const found = [this.checkPlace(leaf), this.checkEvent(leaf, event)];
    if (this.leaves === 0 || this.expected.has(this.leaves)) {
      this.rangeStarts.set(this.leaves, leafAt(leaf));
    }
    this.previous = leaf;
    this.leaves += 1;
    this.replay.push(leaf.eventHash);
    return found.filter((item): item is Problem => item !== null);
  }

  /** After the last leaf: the roots against the checkpoints, oldest first. */
  async finish(): Promise<Problem[]> {
    const roots = await this.replay.roots();
    const problems: Problem[] = [];
    let verified = 0;
    // A published checkpoint's mismatch is narrowed by published ones only: the database's
    // own checkpoints may have been re-signed over the rewrite.
    let verifiedPublished = 0;
    for (const size of this.sizes) {
      const checkpoints = this.expected.get(size) ?? [];
      const wrong = checkpoints.filter(({ checkpoint }) => checkpoint.rootHash !== roots.get(size));
      if (wrong.length === 0) {
        [this.latestVerified, verified] = [checkpoints[0] ?? null, size];
        if (checkpoints.some(({ source }) => source === 'published')) verifiedPublished = size;
        continue;
      }
      problems.push(
        ...wrong.map(({ checkpoint, source }) => {
          const start = source === 'published' ? verifiedPublished : verified;
          const from = { ...this.rangeStarts.get(start), leafIndex: start };
          const where = {
            checkpoint: { checkpointId: checkpoint.checkpointId ?? null, treeSize: size, source },
          };
          const name = `checkpoint ${checkpoint.checkpointId ?? '(unnumbered)'}`;
          return size > this.leaves
            ? problem(
                'LOG_TRUNCATED',
                { leafIndex: this.leaves },
                `${name} signed ${size} leaves, ${this.leaves} are left`,
                where,
              )
            : problem(
                'ROOT_MISMATCH',
                from,
                `the root of the first ${size} leaves is ${roots.get(size)}, ${name} signed ` +
                  `${checkpoint.rootHash}; the changed leaf is one of leaves ${start} to ` +
                  `${size - 1}, after the last ${source} checkpoint that matched`,
                { ...where, leafRange: { from: start, to: size } },
              );
        }),
      );
    }
    return problems;
  }

  close(): Promise<void> {
    return this.replay.close();
  }

  private checkPlace(leaf: LeafRecord): Problem | null {
    if (leaf.leafIndex !== this.leaves) {
      return problem(
        'LEAF_ORDER',
        leafAt(leaf),
        `leaf ${leaf.leafIndex} where ${this.leaves} belongs`,
      );
    }
    if (this.previous && compareOrder(this.previous, leaf) >= 0) {
      return problem('LEAF_ORDER', leafAt(leaf), 'the leaf does not follow the safe order');
    }
    return null;
  }

  private checkEvent(leaf: LeafRecord, event: EventRecord | null): Problem | null {
    if (!event) return problem('EVENT_MISSING', leafAt(leaf), 'no events row at this position');
    const differs: string[] = [];
    if (event.streamId !== leaf.streamId || event.streamVersion !== leaf.streamVersion) {
      differs.push(`the leaf is ${leaf.streamId}@${leaf.streamVersion}`);
    }
    if (!event.hash?.equals(leaf.eventHash)) {
      differs.push(`the leaf holds hash ${leaf.eventHash.toString('hex')}`);
    }
    if (differs.length === 0) return null;
    const at = { ...leafAt(leaf), streamId: event.streamId, streamVersion: event.streamVersion };
    return problem('LEAF_MISMATCH', at, differs.join('; '));
  }
}
