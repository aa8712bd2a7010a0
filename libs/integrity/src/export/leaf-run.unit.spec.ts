import { createHash } from 'node:crypto';
import { MerkleFrontier } from '../merkle/merkle-frontier';
import { leafHash } from '../merkle/tree-hash';
import { LeafRun } from './leaf-run';

const eventHash = (i: number) => createHash('sha256').update(`event ${i}`).digest();
const referenceRoot = (size: number) => {
  const frontier = MerkleFrontier.empty();
  for (let i = 0; i < size; i++) frontier.push(leafHash(eventHash(i)));
  return frontier.root().toString('hex');
};
const runOf = (from: number, to: number) => {
  const run = new LeafRun();
  for (let i = from; i < to; i++) run.push(i, eventHash(i));
  return run;
};

describe('a run of leaves hashed into its complete subtrees', () => {
  it('gives the log root of every size up to 70 from leaf 0', () => {
    for (let size = 1; size <= 70; size++) {
      expect(runOf(0, size).root()?.toString('hex')).toBe(referenceRoot(size));
    }
  });

  it('joins runs split anywhere, in two and three, into the same root', () => {
    for (const size of [2, 3, 7, 8, 9, 33, 64, 100]) {
      for (let cut = 1; cut < size; cut++) {
        const joined = runOf(0, cut);
        joined.join(runOf(cut, size).state());
        expect(joined.root()?.toString('hex')).toBe(referenceRoot(size));
        const third = Math.floor((size - cut) / 2) + cut;
        if (third === cut || third === size) continue;
        const three = new LeafRun();
        for (const [from, to] of [
          [0, cut],
          [cut, third],
          [third, size],
        ] as const) {
          three.join(runOf(from, to).state());
        }
        expect(three.root()?.toString('hex')).toBe(referenceRoot(size));
      }
    }
  });

  it('has no root of the log unless it starts at leaf 0, and refuses runs that do not meet', () => {
    expect(runOf(3, 9).root()).toBeNull();
    const run = runOf(0, 4);
    expect(() => run.join(runOf(5, 8).state())).toThrow('do not meet');
  });

  it('changes its root with any leaf changed', () => {
    const run = new LeafRun();
    for (let i = 0; i < 21; i++) run.push(i, i === 13 ? eventHash(99) : eventHash(i));
    expect(run.root()?.toString('hex')).not.toBe(referenceRoot(21));
  });
});
