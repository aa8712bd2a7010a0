import { nodeHash, splitPoint } from '../merkle/tree-hash';
import type { LeafRange } from '../merkle/tree-ranges';

/**
 * A batch inclusion proof: the ranges of a tree of `size` leaves that hold none of the
 * (sorted, distinct) `leaves`, maximal under RFC 9162's recursion, left to right. With the
 * leaves' own hashes, their hashes rebuild the root: one proof for a whole export, about
 * k·log2(n/k) hashes for k leaves instead of k·log2(n), none when every leaf is included.
 */
export function multiproofRanges(leaves: ArrayLike<number>, size: number): LeafRange[] {
  const ranges: LeafRange[] = [];
  let next = 0;
  const walk = (start: number, n: number): void => {
    if (next >= leaves.length || (leaves[next] as number) >= start + n) {
      ranges.push({ start, end: start + n });
      return;
    }
    // Sorted and distinct: the leaves from `next` fill the range when its last one is its end.
    if (leaves[next] === start && leaves[next + n - 1] === start + n - 1) {
      next += n;
      return;
    }
    const k = splitPoint(n);
    walk(start, k);
    walk(start + k, n - k);
  };
  if (size > 0) walk(0, size);
  if (next !== leaves.length) throw new RangeError(`leaves beyond the tree of ${size}`);
  return ranges;
}

/**
 * The root from the included leaves (sorted by index; `leafHashAt(i)` is the i-th one's leaf
 * hash) and the proof's range hashes in the order {@link multiproofRanges} lists them. Null
 * when the proof has too few or too many hashes for these leaves.
 */
export function multiproofRoot(
  leaves: ArrayLike<number>,
  leafHashAt: (i: number) => Buffer,
  size: number,
  nodes: readonly Buffer[],
): Buffer | null {
  let next = 0;
  let used = 0;
  const walk = (start: number, n: number): Buffer | null => {
    if (next >= leaves.length || (leaves[next] as number) >= start + n) {
      return used < nodes.length ? (nodes[used++] as Buffer) : null;
    }
    if (n === 1) return leafHashAt(next++);
    const k = splitPoint(n);
    const left = walk(start, k);
    const right = left && walk(start + k, n - k);
    return right && nodeHash(left as Buffer, right);
  };
  if (size === 0) return null;
  const root = walk(0, size);
  return root && next === leaves.length && used === nodes.length ? root : null;
}
