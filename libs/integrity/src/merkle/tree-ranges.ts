import { splitPoint } from './tree-hash';

/** Leaves [start, end) of the log. */
export interface LeafRange {
  start: number;
  end: number;
}

/** The complete subtree over leaves [index·2^level, (index+1)·2^level). */
export interface NodeId {
  level: number;
  index: number;
}

/**
 * The ranges whose hashes make up the audit path of leaf `index` in a tree of `size` leaves
 * (RFC 9162 §2.1.3.1 PATH), from the leaf's sibling up to the root's other child.
 */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in ${size}`);
  return pathRanges(index, 0, size);
}

function pathRanges(m: number, start: number, n: number): LeafRange[] {
  if (n <= 1) return [];
  const k = splitPoint(n);
  return m < k
    ? [...pathRanges(m, start, k), { start: start + k, end: start + n }]
    : [...pathRanges(m - k, start + k, n - k), { start, end: start + k }];
}

/**
 * The ranges whose hashes prove that the tree of `first` leaves is a prefix of the tree of
 * `second` leaves (RFC 9162 §2.1.4.1 PROOF and SUBPROOF). Empty when the sizes are equal or
 * the first tree is empty.
 */
export function consistencyRanges(first: number, second: number): LeafRange[] {
  if (!(first >= 0 && first <= second)) {
    throw new RangeError(`no consistency proof from ${first} to ${second} leaves`);
  }
  return first === 0 ? [] : subproofRanges(first, 0, second, true);
}

function subproofRanges(m: number, start: number, n: number, complete: boolean): LeafRange[] {
  if (m === n) return complete ? [] : [{ start, end: start + n }];
  const k = splitPoint(n);
  return m <= k
    ? [...subproofRanges(m, start, k, complete), { start: start + k, end: start + n }]
    : [...subproofRanges(m - k, start + k, n - k, false), { start, end: start + k }];
}

/**
 * The complete subtrees a range of the RFC's recursion splits into, left to right and
 * shrinking: its hash is their right fold, `H(n1, H(n2, … nk))`.
 */
export function rangeNodes({ start, end }: LeafRange): NodeId[] {
  const nodes: NodeId[] = [];
  let at = start;
  while (at < end) {
    let size = 1;
    while (at % (size * 2) === 0 && at + size * 2 <= end) size *= 2;
    nodes.push({ level: Math.log2(size), index: at / size });
    at += size;
  }
  assertShrinking(nodes, start, end);
  return nodes;
}

function assertShrinking(nodes: NodeId[], start: number, end: number): void {
  for (let i = 1; i < nodes.length; i++) {
    if ((nodes[i]?.level ?? 0) >= (nodes[i - 1]?.level ?? 0)) {
      throw new RangeError(`[${start}, ${end}) is not a range of the tree's recursion`);
    }
  }
}

export const nodeKey = ({ level, index }: NodeId): string => `${level}:${index}`;
