import type { Pool } from 'pg';
import type { SignedCheckpoint } from '../checkpoints/checkpoint-format';
import { findCheckpoint } from '../checkpoints/checkpoint-table';
import { listSigningKeys } from '../checkpoints/key-table';
import type { PublicKeyEntry } from '../checkpoints/keyring';
import type { EventRef } from '../proofs/proof-queries';
import { ProofService, type ConsistencyProof, type InclusionProof } from '../proofs/proof-service';
import type { VerificationReport } from '../verify/report';
import { databaseInput } from '../verify/database-input';
import { verifyIntegrity, type VerifyOptions } from '../verify/verify-integrity';

/**
 * The integrity API of a store, shaped for an HTTP controller: plain arguments in, JSON out,
 * typed errors (`INTEGRITY.NOT_FOUND` is a 404). The archive service mounts it.
 */
export class IntegrityService {
  private readonly proofs: ProofService;

  constructor(
    private readonly pool: Pool,
    private readonly description = 'database',
  ) {
    this.proofs = new ProofService(pool);
  }

  /** Checks the whole store; pass the auditor's keys and published checkpoints to rely on them. */
  async verify(options: VerifyOptions = {}): Promise<VerificationReport> {
    return verifyIntegrity(await databaseInput(this.pool, this.description), options);
  }

  inclusionProof(event: EventRef, checkpointId?: string): Promise<InclusionProof> {
    return this.proofs.inclusionProof(event, checkpointId);
  }

  consistencyProof(firstId: string, secondId: string): Promise<ConsistencyProof> {
    return this.proofs.consistencyProof(firstId, secondId);
  }

  latestCheckpoint(): Promise<SignedCheckpoint | null> {
    return findCheckpoint(this.pool);
  }

  /** Every key that ever signed, as `keys.json` holds them. */
  async keys(): Promise<{ keys: PublicKeyEntry[] }> {
    return { keys: await listSigningKeys(this.pool) };
  }
}
