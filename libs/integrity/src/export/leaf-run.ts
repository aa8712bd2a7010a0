import { EMPTY_ROOT, leafHashInto, nodeHashInto } from '../merkle/tree-hash';

/** A run's complete subtrees, left to right: their levels, indexes at that level and hashes. */
export interface LeafRunState {
  first: number;
  next: number;
  levels: number[];
  indexes: number[];
  hashes: Uint8Array;
}

const MAX_NODES = 128;

/**
 * The RFC 9162 tree of a run of consecutive leaves that may start anywhere in the log: the
 * complete subtrees it is made of so far, each merged with its left sibling as soon as both are
 * in the run. A run from leaf 0 is the log's frontier; runs hashed side by side (each part of a
 * file on its thread) join into it with {@link LeafRun.join}, and its root is the log's. Hashes
 * live in one buffer: a million leaves make no object each.
 */
export class LeafRun {
  // The first `size` entries are the subtrees (longer arrays are not shortened: a million
  // length changes cost more than the hashing around them).
  private levels: number[] = [];
  private indexes: number[] = [];
  private size = 0;
  private hashes = Buffer.alloc(32 * MAX_NODES);
  private first = 0;
  /** The index the next leaf must have. */
  next = 0;

  /** Adds the event hash of leaf `leafIndex` (the run's first, or `next`). */
  push(leafIndex: number, eventHash: Buffer): void {
    if (this.size === 0 && this.next === 0) this.first = leafIndex;
    leafHashInto(eventHash, 0, this.hashes, 32 * this.size);
    this.add(0, leafIndex);
    this.next = leafIndex + 1;
  }

  /** Appends a run that goes on where this one ends. */
  join(state: LeafRunState): void {
    if (this.size === 0 && this.next === 0) this.first = state.first;
    else if (state.first !== this.next) throw new RangeError('the runs do not meet');
    for (let i = 0; i < state.levels.length; i++) {
      Buffer.from(state.hashes.buffer, state.hashes.byteOffset + 32 * i, 32).copy(
        this.hashes,
        32 * this.size,
      );
      this.add(state.levels[i] as number, state.indexes[i] as number);
    }
    this.next = state.next;
  }

  /** The root of the tree of leaves [0, next), when the run starts at leaf 0; else null. */
  root(): Buffer | null {
    if (this.first !== 0) return null;
    const count = this.size;
    if (count === 0) return EMPTY_ROOT;
    const work = Buffer.from(this.hashes.subarray(0, 32 * count));
    for (let i = count - 2; i >= 0; i--) nodeHashInto(work, 32 * i, 32 * (i + 1), work, 32 * i);
    return work.subarray(0, 32);
  }

  state(): LeafRunState {
    const { first, next, size } = this;
    const levels = this.levels.slice(0, size);
    const indexes = this.indexes.slice(0, size);
    return { first, next, levels, indexes, hashes: this.hashes.subarray(0, 32 * size) };
  }

  /** The node just written after the last one: merged with its left sibling while it is there. */
  private add(level: number, index: number): void {
    let top = this.size;
    while (
      top > 0 &&
      this.levels[top - 1] === level &&
      (this.indexes[top - 1] as number) % 2 === 0
    ) {
      nodeHashInto(this.hashes, 32 * (top - 1), 32 * top, this.hashes, 32 * (top - 1));
      top -= 1;
      level += 1;
      index = Math.floor(index / 2);
    }
    this.levels[top] = level;
    this.indexes[top] = index;
    this.size = top + 1;
  }
}
