import type { Queryable } from '../db';
import { LogInconsistentError } from '../errors';
import { logRoot, logSize } from '../log/log-size';
import { signCheckpoint, type SignedCheckpoint } from './checkpoint-format';
import { findCheckpoint, insertCheckpoint } from './checkpoint-table';
import { assertCurrentKey, registerSigningKey } from './key-table';
import type { CheckpointSigner } from './signing-key';

export interface CheckpointerOptions {
  db: Queryable;
  signer: CheckpointSigner;
  logId: string;
  clock?: () => Date;
}

/**
 * Signs the stored log's root. Before it signs, it recomputes the root of the last signed
 * checkpoint (the stored one and the last it signed itself, in case stored ones were deleted)
 * from the stored log: if the log was rewritten since, it refuses and says so.
 */
export class Checkpointer {
  private readonly clock: () => Date;
  private lastSigned: SignedCheckpoint | null = null;
  private registered = false;

  constructor(private readonly options: CheckpointerOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** A checkpoint of the log as it stands, or null when nothing was added since the last. */
  async checkpoint({ force = false } = {}): Promise<SignedCheckpoint | null> {
    const { db, signer, logId } = this.options;
    await this.register();
    const size = await logSize(db);
    const latest = await findCheckpoint(db);
    if (!force && (latest?.treeSize ?? 0) === size) return null;
    for (const earlier of [latest, this.lastSigned]) {
      if (earlier) await this.assertStillHolds(earlier, size);
    }
    const rootHash = (await logRoot(db, size)).toString('hex');
    const signedAt = this.clock().toISOString();
    const signed = signCheckpoint(
      { logId, treeSize: size, rootHash, signedAt, keyId: signer.keyId },
      signer.privateKey,
    );
    this.lastSigned = await insertCheckpoint(db, signed);
    return this.lastSigned;
  }

  private async register(): Promise<void> {
    const { db, signer } = this.options;
    if (this.registered) return assertCurrentKey(db, signer);
    await registerSigningKey(db, signer, this.clock());
    this.registered = true;
  }

  private async assertStillHolds(earlier: SignedCheckpoint, size: number): Promise<void> {
    const stored =
      earlier.treeSize > size
        ? 'missing'
        : (await logRoot(this.options.db, earlier.treeSize)).toString('hex');
    if (stored !== earlier.rootHash) {
      throw new LogInconsistentError(earlier.treeSize, earlier.rootHash, stored);
    }
  }
}
