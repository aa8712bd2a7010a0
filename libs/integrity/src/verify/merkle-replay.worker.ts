import { parentPort, workerData } from 'node:worker_threads';
import { MerkleFrontier } from '../merkle/merkle-frontier';
import { leafHash } from '../merkle/tree-hash';

/** Messages from {@link MerkleReplay}: leaf data (event hashes, 32 bytes each), then the end. */
export type ReplayMessage = { leaves: ArrayBuffer; count: number } | { end: true };

/** The log's root at each size asked for (hex), and how many leaves there were. */
export interface ReplayResult {
  size: number;
  roots: [number, string][];
}

const sizes = new Set<number>((workerData as { sizes: number[] }).sizes);
const frontier = MerkleFrontier.empty();
const roots: [number, string][] = sizes.has(0) ? [[0, frontier.root().toString('hex')]] : [];

parentPort?.on('message', (message: ReplayMessage) => {
  if ('end' in message) {
    parentPort?.postMessage({ size: frontier.size, roots } satisfies ReplayResult);
    return;
  }
  const leaves = Buffer.from(message.leaves, 0, message.count * 32);
  for (let at = 0; at < leaves.length; at += 32) {
    frontier.push(leafHash(leaves.subarray(at, at + 32)));
    if (sizes.has(frontier.size)) roots.push([frontier.size, frontier.root().toString('hex')]);
  }
});
