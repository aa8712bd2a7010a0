import { hash } from 'node:crypto';

/** MTH of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Buffer = hash('sha256', Buffer.alloc(0), 'buffer');

// RFC 9162 §2.1.1 tree hashing with SHA-256, domain-separated: a leaf is SHA-256(0x00 || data),
// a node SHA-256(0x01 || left || right). A verifier computes two of these per event: inputs of
// hash size are assembled in reused buffers and hashed in one shot, since a Hash object per call
// costs more than the hashing. The digest is asked for as a latin1 string (`'binary'`: one
// character per byte, the same bytes): Node makes a Buffer result far more slowly (1.5–2 µs a call against
// 0.4 µs, measured on Node 24), which at millions of calls was most of the hashing's cost.
// Reuse is safe because hashing is synchronous.
const LEAF_INPUT = Buffer.from([0x00, ...Buffer.alloc(32)]);
const NODE_INPUT = Buffer.from([0x01, ...Buffer.alloc(64)]);

const digest = (input: Buffer) => Buffer.from(hash('sha256', input, 'binary'), 'latin1');

export function leafHash(data: Buffer): Buffer {
  if (data.length !== 32) return digest(Buffer.concat([LEAF_INPUT.subarray(0, 1), data]));
  data.copy(LEAF_INPUT, 1);
  return digest(LEAF_INPUT);
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  if (left.length !== 32 || right.length !== 32) {
    return digest(Buffer.concat([NODE_INPUT.subarray(0, 1), left, right]));
  }
  left.copy(NODE_INPUT, 1);
  right.copy(NODE_INPUT, 33);
  return digest(NODE_INPUT);
}

/**
 * {@link leafHash} of the 32 bytes at `from` in `source`, written at `to` in `target`, with no
 * Buffer made: for replaying a million leaves.
 */
export function leafHashInto(source: Buffer, from: number, target: Buffer, to: number): void {
  copy32(source, from, LEAF_INPUT, 1);
  target.write(hash('sha256', LEAF_INPUT, 'binary'), to, 32, 'latin1');
}

/** {@link nodeHash} of the 32-byte hashes at `left` and `right` in `source`, written at `to`. */
export function nodeHashInto(
  source: Buffer,
  left: number,
  right: number,
  target: Buffer,
  to: number,
): void {
  copy32(source, left, NODE_INPUT, 1);
  copy32(source, right, NODE_INPUT, 33);
  target.write(hash('sha256', NODE_INPUT, 'binary'), to, 32, 'latin1');
}

/**
 * 32 bytes from `source` at `from` to `target` at `to`: a loop, since `Buffer#copy` checks its
 * arguments at more cost than copying a hash (millions of times in a verification).
 */
export function copy32(source: Uint8Array, from: number, target: Uint8Array, to: number): void {
  for (let i = 0; i < 32; i++) target[to + i] = source[from + i] as number;
}

/** RFC 9162's split point k of n > 1 leaves: the largest power of two smaller than n. */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`cannot split ${n} leaves`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
