import type { IntegrityCheckpoint } from '@ejournal/contracts';
import {
  listSigningKeys,
  ProofService,
  type CheckpointPublisher,
  type SignedCheckpoint,
  type WitnessedCheckpoint,
} from '@ejournal/integrity';
import type { OutboundMessage, Publisher } from '@ejournal/messaging';
import type { Pool } from 'pg';

/**
 * Publishes each checkpoint of a store to the checkpoints topic, keyed by log (one partition
 * keeps a log's checkpoints in order), with the consistency proof from the store's previous
 * checkpoint: whoever kept that one checks the new one against it, without the store.
 */
export class KafkaCheckpointPublisher implements CheckpointPublisher {
  readonly name: string;
  private readonly proofs: ProofService;
  private readonly publicKeys = new Map<string, string>();

  constructor(
    private readonly options: {
      pool: Pool;
      publisher: Publisher;
      topic: string;
      service: string;
      /** Cosignatures that make a checkpoint witnessed (0 without witnesses). */
      witnessQuorum?: number;
    },
  ) {
    this.name = `kafka ${options.topic}`;
    this.proofs = new ProofService(options.pool);
  }

  async publish(checkpoint: SignedCheckpoint): Promise<void> {
    const message = await this.messageOf(checkpoint);
    await this.options.publisher.publish(this.options.topic, [message]);
  }

  async messageOf(checkpoint: SignedCheckpoint | WitnessedCheckpoint): Promise<OutboundMessage> {
    const { checkpointId, logId, treeSize, rootHash, signedAt, keyId, signature } = checkpoint;
    if (checkpointId === undefined) throw new Error('Only stored checkpoints are published');
    const previous = await this.proofs.consistencyWithPrevious(checkpointId);
    const payload: IntegrityCheckpoint = {
      schemaVersion: 1,
      service: this.options.service,
      logId,
      checkpointId,
      treeSize,
      rootHash,
      signedAt,
      keyId,
      publicKey: await this.publicKey(keyId),
      signature,
      consistency: previous && {
        fromCheckpointId: previous.first.checkpointId as string,
        fromTreeSize: previous.first.treeSize,
        fromRootHash: previous.first.rootHash,
        proof: previous.path,
      },
    };
    if ('logVerifierKey' in checkpoint) {
      payload.note = checkpoint.note;
      payload.logVerifierKey = checkpoint.logVerifierKey;
      payload.witnesses = {
        quorum: this.options.witnessQuorum ?? checkpoint.cosignedBy.length,
        cosignedBy: checkpoint.cosignedBy,
        refusals: checkpoint.witnessRefusals,
      };
    }
    return {
      key: logId,
      value: JSON.stringify(payload),
      headers: { logId, checkpointId, schemaVersion: '1' },
    };
  }

  private async publicKey(keyId: string): Promise<string> {
    if (!this.publicKeys.has(keyId)) {
      for (const entry of await listSigningKeys(this.options.pool)) {
        this.publicKeys.set(entry.keyId, entry.publicKey);
      }
    }
    const key = this.publicKeys.get(keyId);
    if (!key) throw new Error(`Signing key ${keyId} is not listed in the store`);
    return key;
  }
}
