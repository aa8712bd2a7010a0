import { hash } from 'node:crypto';

/** MTH of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Buffer = hash('sha256', Buffer.alloc(0), 'buffer');

// RFC 9162 §2.1.1 tree hashing with SHA-256, domain-separated: a leaf is SHA-256(0x00 || data),
// a node SHA-256(0x01 || left || right). A verifier computes two of these per event: inputs of
// hash size are assembled in reused buffers and hashed in one shot, since a Hash object per call
// costs more than the hashing. Reuse is safe because hashing is synchronous.
const LEAF_INPUT = Buffer.from([0x00, ...Buffer.alloc(32)]);
const NODE_INPUT = Buffer.from([0x01, ...Buffer.alloc(64)]);

export function leafHash(data: Buffer): Buffer {
  if (data.length !== 32)
    return hash('sha256', Buffer.concat([LEAF_INPUT.subarray(0, 1), data]), 'buffer');
  data.copy(LEAF_INPUT, 1);
  return hash('sha256', LEAF_INPUT, 'buffer');
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  if (left.length !== 32 || right.length !== 32) {
    return hash('sha256', Buffer.concat([NODE_INPUT.subarray(0, 1), left, right]), 'buffer');
  }
  left.copy(NODE_INPUT, 1);
  right.copy(NODE_INPUT, 33);
  return hash('sha256', NODE_INPUT, 'buffer');
}

/** RFC 9162's split point k of n > 1 leaves: the largest power of two smaller than n. */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`cannot split ${n} leaves`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
