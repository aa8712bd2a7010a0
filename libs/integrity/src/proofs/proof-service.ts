import type { SignedCheckpoint } from '../checkpoints/checkpoint-format';
import { findCheckpoint, previousCheckpoint } from '../checkpoints/checkpoint-table';
import type { Queryable } from '../db';
import { NotFoundError } from '../errors';
import { loadNodeHashes } from '../log/node-store';
import { leafHash, nodeHash } from '../merkle/tree-hash';
import {
  consistencyRanges,
  inclusionRanges,
  nodeKey,
  rangeNodes,
  type LeafRange,
} from '../merkle/tree-ranges';
import { findLeaf, type EventRef } from './proof-queries';

/** Everything an auditor needs to run RFC 9162 §2.1.3.2 on one event (hashes in hex). */
export interface InclusionProof {
  streamId: string;
  streamVersion: number;
  globalPosition: string;
  leafIndex: number;
  eventHash: string;
  leafHash: string;
  checkpoint: SignedCheckpoint;
  path: string[];
}

/** Everything an auditor needs to run RFC 9162 §2.1.4.2 on two checkpoints. */
export interface ConsistencyProof {
  first: SignedCheckpoint;
  second: SignedCheckpoint;
  path: string[];
}

/** Proofs from the stored log, each one or two round trips whatever the log's size. */
export class ProofService {
  constructor(private readonly db: Queryable) {}

  /** Inclusion of an event in a checkpoint (the latest when none is named). */
  async inclusionProof(event: EventRef, checkpointId?: string): Promise<InclusionProof> {
    const [leaf, checkpoint] = await Promise.all([
      findLeaf(this.db, event),
      this.checkpoint(checkpointId),
    ]);
    if (leaf.leafIndex >= checkpoint.treeSize) {
      throw new NotFoundError(
        `Leaf ${leaf.leafIndex} is not covered by checkpoint ${checkpoint.checkpointId} ` +
          `(${checkpoint.treeSize} leaves): wait for the next checkpoint`,
      );
    }
    const path = await this.rangeHashes(inclusionRanges(leaf.leafIndex, checkpoint.treeSize));
    const { eventHash, ...location } = leaf;
    return {
      ...location,
      eventHash: eventHash.toString('hex'),
      leafHash: leafHash(eventHash).toString('hex'),
      checkpoint,
      path,
    };
  }

  /** That the log at checkpoint `firstId` is a prefix of the log at checkpoint `secondId`. */
  async consistencyProof(firstId: string, secondId: string): Promise<ConsistencyProof> {
    const [first, second] = await Promise.all([
      this.checkpoint(firstId),
      this.checkpoint(secondId),
    ]);
    return this.between(first, second);
  }

  /** From the checkpoint stored before `checkpointId` to it; null when it is the first. */
  async consistencyWithPrevious(checkpointId: string): Promise<ConsistencyProof | null> {
    const second = await this.checkpoint(checkpointId);
    const first = await previousCheckpoint(this.db, checkpointId);
    return first && this.between(first, second);
  }

  /** RFC 9162 §2.1.4.1 from the log's first `first` leaves to its first `second` (hex). */
  async consistencyBetweenSizes(first: number, second: number): Promise<string[]> {
    if (!(Number.isSafeInteger(first) && first >= 0 && first <= second)) {
      throw new NotFoundError(`No consistency proof from ${first} to ${second} leaves`);
    }
    return this.rangeHashes(consistencyRanges(first, second));
  }

  private async between(
    first: SignedCheckpoint,
    second: SignedCheckpoint,
  ): Promise<ConsistencyProof> {
    if (first.treeSize > second.treeSize) {
      throw new NotFoundError(
        `Checkpoint ${first.checkpointId} is larger than checkpoint ${second.checkpointId}`,
      );
    }
    const path = await this.rangeHashes(consistencyRanges(first.treeSize, second.treeSize));
    return { first, second, path };
  }

  private async checkpoint(checkpointId?: string): Promise<SignedCheckpoint> {
    if (checkpointId !== undefined && !/^\d{1,19}$/.test(checkpointId)) {
      throw new NotFoundError(`No checkpoint ${checkpointId}`);
    }
    const found = await findCheckpoint(this.db, checkpointId);
    if (!found) throw new NotFoundError(`No checkpoint ${checkpointId ?? 'yet'}`);
    return found;
  }

  private async rangeHashes(ranges: LeafRange[]): Promise<string[]> {
    const nodes = ranges.map(rangeNodes);
    const hashes = await loadNodeHashes(this.db, nodes.flat());
    return nodes.map((ids) =>
      ids
        .map((id) => hashes.get(nodeKey(id)) as Buffer)
        .reduceRight((right, left) => nodeHash(left, right))
        .toString('hex'),
    );
  }
}
