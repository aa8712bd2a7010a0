import { EMPTY_ROOT, leafHash, nodeHash, splitPoint } from '../merkle/tree-hash';
import { rangeNodes, type LeafRange } from '../merkle/tree-ranges';

/** RFC 9162 §2.1.1 MTH written as the RFC states it, to check the faster code against. */
export function referenceRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leafHash(leaves[0] as Buffer);
  const k = splitPoint(leaves.length);
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

/** The hashes of proof ranges, folded from their complete subtrees as the log store does. */
export function rangeHashes(leaves: Buffer[], ranges: LeafRange[]): Buffer[] {
  return ranges.map((range) => {
    const hashes = rangeNodes(range).map(({ level, index }) =>
      referenceRoot(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level)),
    );
    return hashes.reduceRight((right, left) => nodeHash(left, right));
  });
}

/** The leaves of the Certificate Transparency test vectors (RFC 6962 reference code). */
export const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => Buffer.from(hex, 'hex'));

/** Roots of the first 1…8 of CT_LEAVES. */
export const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
