import { leafHash } from '../merkle/tree-hash';
import { referenceRoot } from '../testing/merkle-reference';
import { multiproofRanges, multiproofRoot } from './multiproof';

const data = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${i}`));

/** The hash of leaves [start, end) as RFC 9162's recursion computes it. */
const rangeHash = (leaves: Buffer[], start: number, end: number) =>
  referenceRoot(leaves.slice(start, end));

describe('batch inclusion proofs (multiproofs)', () => {
  it('rebuilds the root of every tree up to 33 leaves from any subset of up to 3 leaves', () => {
    for (let size = 1; size <= 33; size++) {
      const leaves = data(size);
      const root = referenceRoot(leaves);
      const subsets = [[0], [size - 1], [0, size - 1], [Math.floor(size / 2)], [1, 2, size - 1]];
      for (const subset of subsets) {
        const picked = [...new Set(subset.filter((i) => i >= 0 && i < size))].sort((a, b) => a - b);
        const nodes = multiproofRanges(picked, size).map((r) => rangeHash(leaves, r.start, r.end));
        const at = (i: number) => leafHash(leaves[picked[i] as number] as Buffer);
        expect(multiproofRoot(picked, at, size, nodes)).toEqual(root);
      }
    }
  });

  it('needs no hashes when every leaf is included, and one per leaf’s level at most', () => {
    const all = Array.from({ length: 1000 }, (_, i) => i);
    expect(multiproofRanges(all, 1000)).toEqual([]);
    expect(multiproofRanges([5], 1024)).toHaveLength(10);
    expect(multiproofRanges([], 7)).toEqual([{ start: 0, end: 7 }]);
  });

  it('fails for a changed leaf, a missing or extra hash, and leaves outside the tree', () => {
    const leaves = data(20);
    const root = referenceRoot(leaves);
    const picked = [3, 11];
    const nodes = multiproofRanges(picked, 20).map((r) => rangeHash(leaves, r.start, r.end));
    const at = (i: number) => leafHash(leaves[picked[i] as number] as Buffer);
    expect(multiproofRoot(picked, at, 20, nodes)).toEqual(root);
    expect(multiproofRoot(picked, (i) => leafHash(Buffer.from(`x${i}`)), 20, nodes)).not.toEqual(
      root,
    );
    expect(multiproofRoot(picked, at, 20, nodes.slice(1))).toBeNull();
    expect(multiproofRoot(picked, at, 20, [...nodes, root])).toBeNull();
    expect(() => multiproofRanges([25], 20)).toThrow(RangeError);
  });
});
