import { EMPTY_ROOT, nodeHash } from './tree-hash';
import { rangeNodes, type NodeId } from './tree-ranges';

export interface HashedNode extends NodeId {
  hash: Buffer;
}

/**
 * The right edge of a growing log: the roots of the complete subtrees that [0, size) splits
 * into, largest first (at most one per level). Appending a leaf merges equal subtrees, which is
 * when a node becomes complete and can be stored; the root is their right fold.
 */
export class MerkleFrontier {
  private constructor(
    private readonly nodes: HashedNode[],
    private leaves: number,
  ) {}

  static empty(): MerkleFrontier {
    return new MerkleFrontier([], 0);
  }

  /** The nodes a frontier of `size` leaves is made of: load their hashes, then `restore`. */
  static nodesOf(size: number): NodeId[] {
    return size === 0 ? [] : rangeNodes({ start: 0, end: size });
  }

  static restore(size: number, hashes: Buffer[]): MerkleFrontier {
    const ids = MerkleFrontier.nodesOf(size);
    if (ids.length !== hashes.length) throw new RangeError('one hash per frontier node');
    return new MerkleFrontier(
      ids.map((id, i) => ({ ...id, hash: hashes[i] as Buffer })),
      size,
    );
  }

  get size(): number {
    return this.leaves;
  }

  /** Adds the next leaf hash; `onComplete` sees every interior node this completes. */
  push(leaf: Buffer, onComplete?: (node: HashedNode) => void): void {
    let node: HashedNode = { level: 0, index: this.leaves, hash: leaf };
    this.leaves += 1;
    for (let top = this.nodes.at(-1); top?.level === node.level; top = this.nodes.at(-1)) {
      this.nodes.pop();
      node = { level: node.level + 1, index: top.index / 2, hash: nodeHash(top.hash, node.hash) };
      onComplete?.(node);
    }
    this.nodes.push(node);
  }

  root(): Buffer {
    let root: Buffer | undefined;
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      const node = this.nodes[i] as HashedNode;
      root = root === undefined ? node.hash : nodeHash(node.hash, root);
    }
    return root ?? EMPTY_ROOT;
  }

  clone(): MerkleFrontier {
    return new MerkleFrontier([...this.nodes], this.leaves);
  }
}
