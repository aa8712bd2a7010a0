import { createHash } from 'node:crypto';
import { MerkleFrontier, type HashedNode } from './merkle-frontier';
import { CT_LEAVES, CT_ROOTS, referenceRoot } from '../testing/merkle-reference';
import { EMPTY_ROOT, leafHash, nodeHash } from './tree-hash';

const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const data = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`event-${i}`));

describe('RFC 9162 tree hashing', () => {
  it('hashes a leaf as SHA-256(0x00 || data) and a node as SHA-256(0x01 || left || right)', () => {
    const [a, b] = [Buffer.from('a'), Buffer.from('b')];
    expect(leafHash(a)).toEqual(sha256(Buffer.from([0]), a));
    expect(nodeHash(a, b)).toEqual(sha256(Buffer.from([1]), a, b));
    expect(EMPTY_ROOT.toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('builds a 3-leaf tree as computed by hand: H(H(l0, l1), l2)', () => {
    const [d0, d1, d2] = data(3) as [Buffer, Buffer, Buffer];
    const l = [d0, d1, d2].map((d) => sha256(Buffer.from([0]), d)) as [Buffer, Buffer, Buffer];
    const byHand = sha256(Buffer.from([1]), sha256(Buffer.from([1]), l[0], l[1]), l[2]);
    const frontier = MerkleFrontier.empty();
    [d0, d1, d2].forEach((d) => frontier.push(leafHash(d)));
    expect(frontier.root()).toEqual(byHand);
  });

  it('splits 7 leaves at 4, then 2 (the tree of RFC 9162 §2.1.5)', () => {
    const l = data(7).map(leafHash) as Buffer[];
    const at = (i: number) => l[i] as Buffer;
    const byHand = nodeHash(
      nodeHash(nodeHash(at(0), at(1)), nodeHash(at(2), at(3))),
      nodeHash(nodeHash(at(4), at(5)), at(6)),
    );
    const frontier = MerkleFrontier.empty();
    l.forEach((leaf) => frontier.push(leaf));
    expect(frontier.root()).toEqual(byHand);
  });

  it('matches the Certificate Transparency reference roots for 1 to 8 leaves', () => {
    const frontier = MerkleFrontier.empty();
    CT_LEAVES.forEach((leaf, i) => {
      frontier.push(leafHash(leaf));
      expect(frontier.root().toString('hex')).toBe(CT_ROOTS[i]);
    });
  });
});

describe('MerkleFrontier', () => {
  it('gives the RFC root at every size up to 300 leaves', () => {
    const leaves = data(300);
    const frontier = MerkleFrontier.empty();
    expect(frontier.root()).toEqual(EMPTY_ROOT);
    leaves.forEach((leaf, i) => {
      frontier.push(leafHash(leaf));
      if (i % 7 === 0 || i > 250)
        expect(frontier.root()).toEqual(referenceRoot(leaves.slice(0, i + 1)));
    });
  });

  it('reports each interior node once, when its subtree completes', () => {
    const completed: HashedNode[] = [];
    const frontier = MerkleFrontier.empty();
    data(16).forEach((leaf) => frontier.push(leafHash(leaf), (node) => completed.push(node)));
    expect(completed.map(({ level, index }) => `${level}:${index}`)).toEqual([
      ...['1:0', '1:1', '2:0', '1:2', '1:3', '2:1', '3:0', '1:4', '1:5', '2:2', '1:6', '1:7'],
      ...['2:3', '3:1', '4:0'],
    ]);
    expect(completed.at(-1)?.hash).toEqual(frontier.root());
  });

  it('restores from the hashes of its nodes and carries on identically', () => {
    const leaves = data(45);
    const full = MerkleFrontier.empty();
    leaves.forEach((leaf) => full.push(leafHash(leaf)));
    const ids = MerkleFrontier.nodesOf(21);
    expect(ids).toEqual([
      { level: 4, index: 0 },
      { level: 2, index: 4 },
      { level: 0, index: 20 },
    ]);
    const hashes = ids.map(({ level, index }) =>
      referenceRoot(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level)),
    );
    const restored = MerkleFrontier.restore(21, hashes);
    leaves.slice(21).forEach((leaf) => restored.push(leafHash(leaf)));
    expect(restored.size).toBe(45);
    expect(restored.root()).toEqual(full.root());
  });
});
