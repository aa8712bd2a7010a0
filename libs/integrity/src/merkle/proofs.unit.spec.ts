import { CT_LEAVES, CT_ROOTS, rangeHashes, referenceRoot } from '../testing/merkle-reference';
import { leafHash, nodeHash, splitPoint } from './tree-hash';
import { consistencyRanges, inclusionRanges, rangeNodes } from './tree-ranges';
import { verifyConsistency, verifyInclusion } from './verify-proofs';

const hex = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('hex'));
const root = (n: number) => Buffer.from(CT_ROOTS[n - 1] as string, 'hex');
const leaves = Array.from({ length: 70 }, (_, i) => Buffer.from(`leaf ${i}`));
const inclusion = (i: number, n: number) => rangeHashes(leaves.slice(0, n), inclusionRanges(i, n));
const consistency = (m: number, n: number) =>
  rangeHashes(leaves.slice(0, n), consistencyRanges(m, n));

describe('proof ranges', () => {
  it('lists the audit path of leaf 3 of 7 as [2,3) [0,2) [4,7), as drawn by hand', () => {
    expect(inclusionRanges(3, 7)).toEqual([
      { start: 2, end: 3 },
      { start: 0, end: 2 },
      { start: 4, end: 7 },
    ]);
  });

  it('lists the consistency proof of 3 in 7 as RFC 9162 §2.1.5 does: c, d, g, l', () => {
    // c = leaf 2, d = leaf 3, g = [0,2), l = [4,7)
    expect(consistencyRanges(3, 7)).toEqual([
      { start: 2, end: 3 },
      { start: 3, end: 4 },
      { start: 0, end: 2 },
      { start: 4, end: 7 },
    ]);
    expect(consistencyRanges(4, 7)).toEqual([{ start: 4, end: 7 }]);
    expect(consistencyRanges(6, 7)).toEqual([
      { start: 4, end: 6 },
      { start: 6, end: 7 },
      { start: 0, end: 4 },
    ]);
  });

  it('splits a range of the recursion into shrinking complete subtrees', () => {
    expect(rangeNodes({ start: 4, end: 7 })).toEqual([
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(() => rangeNodes({ start: 1, end: 4 })).toThrow(RangeError);
  });
});

describe('verifyInclusion (RFC 9162 §2.1.3.2)', () => {
  it('accepts the Certificate Transparency reference paths', () => {
    const ctPath = (i: number, n: number) =>
      rangeHashes(CT_LEAVES.slice(0, n), inclusionRanges(i, n));
    expect(hex(ctPath(0, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(ctPath(5, 8))).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(verifyInclusion(leafHash(CT_LEAVES[5] as Buffer), 5, 8, ctPath(5, 8), root(8))).toBe(
      true,
    );
  });

  it('verifies a path computed by hand in a 3-leaf tree', () => {
    const [l0, l1, l2] = leaves.slice(0, 3).map(leafHash) as [Buffer, Buffer, Buffer];
    const treeRoot = nodeHash(nodeHash(l0, l1), l2);
    expect(verifyInclusion(l1, 1, 3, [l0, l2], treeRoot)).toBe(true);
    expect(verifyInclusion(l2, 2, 3, [nodeHash(l0, l1)], treeRoot)).toBe(true);
    expect(verifyInclusion(l1, 1, 3, [l2, l0], treeRoot)).toBe(false);
  });

  it('accepts every generated path up to 70 leaves and refuses it for any other leaf', () => {
    for (let n = 1; n <= 70; n++) {
      const treeRoot = referenceRoot(leaves.slice(0, n));
      for (let i = 0; i < n; i++) {
        const path = inclusion(i, n);
        expect(verifyInclusion(leafHash(leaves[i] as Buffer), i, n, path, treeRoot)).toBe(true);
        const other = leafHash(leaves[(i + 1) % n] as Buffer);
        if (n > 1) expect(verifyInclusion(other, i, n, path, treeRoot)).toBe(false);
      }
    }
  });

  it('refuses an index outside the tree, a wrong size, a short or long path', () => {
    const path = inclusion(5, 8);
    const leaf = leafHash(leaves[5] as Buffer);
    const treeRoot = referenceRoot(leaves.slice(0, 8));
    expect(verifyInclusion(leaf, 8, 8, path, treeRoot)).toBe(false);
    expect(verifyInclusion(leaf, 5, 9, path, treeRoot)).toBe(false);
    expect(verifyInclusion(leaf, 5, 8, path.slice(1), treeRoot)).toBe(false);
    expect(verifyInclusion(leaf, 5, 8, [...path, leaf], treeRoot)).toBe(false);
  });
});

describe('verifyConsistency (RFC 9162 §2.1.4.2)', () => {
  it('reproduces the Certificate Transparency reference proofs', () => {
    const ct = (m: number, n: number) =>
      hex(rangeHashes(CT_LEAVES.slice(0, n), consistencyRanges(m, n)));
    expect(ct(1, 1)).toEqual([]);
    expect(ct(1, 8)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(ct(6, 8)).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(ct(2, 5)).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
    const proof = rangeHashes(CT_LEAVES, consistencyRanges(6, 8));
    expect(verifyConsistency(6, 8, root(6), root(8), proof)).toBe(true);
  });

  it('verifies a proof computed by hand from 2 to 3 leaves', () => {
    const [l0, l1, l2] = leaves.slice(0, 3).map(leafHash) as [Buffer, Buffer, Buffer];
    const first = nodeHash(l0, l1);
    const second = nodeHash(first, l2);
    expect(verifyConsistency(2, 3, first, second, [l2])).toBe(true);
    expect(verifyConsistency(2, 3, first, second, [l1])).toBe(false);
  });

  it('accepts every generated proof up to 70 leaves and refuses it for another old root', () => {
    for (let n = 1; n <= 70; n++) {
      const second = referenceRoot(leaves.slice(0, n));
      for (let m = 1; m <= n; m++) {
        const first = referenceRoot(leaves.slice(0, m));
        expect(verifyConsistency(m, n, first, second, consistency(m, n))).toBe(true);
        const forged = referenceRoot([Buffer.from('forged'), ...leaves.slice(1, m)]);
        expect(verifyConsistency(m, n, forged, second, consistency(m, n))).toBe(false);
      }
    }
  });

  it('verifies proofs from sizes that Math.log2 rounds to a whole number (2^49 − 1 and above)', () => {
    // With every leaf equal, a range's hash depends on its size only, so trees of 2^53 − 1
    // leaves can be hashed through the RFC's recursion without enumerating them.
    const sizeHashes = new Map<number, Buffer>();
    const mth = (size: number): Buffer => {
      let known = sizeHashes.get(size);
      if (!known) {
        const k = size > 1 ? splitPoint(size) : 0;
        known = size === 1 ? leafHash(Buffer.from('same')) : nodeHash(mth(k), mth(size - k));
        sizeHashes.set(size, known);
      }
      return known;
    };
    const proof = (m: number, n: number) =>
      consistencyRanges(m, n).map(({ start, end }) => mth(end - start));
    const roundedByLog2 = [2 ** 49 - 1, 2 ** 50 - 1, 2 ** 52 - 1, 2 ** 53 - 1];
    for (const m of roundedByLog2) {
      expect(Number.isInteger(Math.log2(m))).toBe(true); // the trap this guards against
      for (const n of [m + 1, m + 2, Number.MAX_SAFE_INTEGER].filter(
        (n) => n >= m && n <= 2 ** 53 - 1,
      )) {
        if (n === m) continue;
        expect(verifyConsistency(m, n, mth(m), mth(n), proof(m, n))).toBe(true);
        expect(verifyConsistency(m, n, mth(m - 1), mth(n), proof(m, n))).toBe(false);
      }
    }
    expect(
      verifyConsistency(
        2 ** 49,
        2 ** 49 + 5,
        mth(2 ** 49),
        mth(2 ** 49 + 5),
        proof(2 ** 49, 2 ** 49 + 5),
      ),
    ).toBe(true);
  });

  it('treats equal sizes, the empty tree and impossible sizes as the RFC says', () => {
    const r5 = referenceRoot(leaves.slice(0, 5));
    expect(verifyConsistency(5, 5, r5, r5, [])).toBe(true);
    expect(verifyConsistency(5, 5, r5, r5, [r5])).toBe(false);
    expect(verifyConsistency(0, 5, Buffer.alloc(32), r5, [])).toBe(true);
    expect(verifyConsistency(6, 5, r5, r5, [])).toBe(false);
    expect(verifyConsistency(3, 5, r5, r5, [])).toBe(false);
  });
});
