import type { SignedCheckpoint } from '../checkpoints/checkpoint-format';
import { listSigningKeys } from '../checkpoints/key-table';
import type { Queryable } from '../db';
import { verifyCosignature } from '../notes/cosignature';
import { checkpointNote, logVerifierKey } from '../notes/checkpoint-note';
import { parseVerifierKey, type VerifierKey } from '../notes/signed-note';
import { ProofService } from '../proofs/proof-service';
import {
  cosignaturesOf,
  hasCheckpointOfSize,
  insertCosignature,
  insertRefusal,
  lastCosignedSize,
  refusalsOf,
  type WitnessRefusal,
} from './cosignature-table';
import { addCheckpoint } from './witness-client';

/** A witness the checkpointer sends checkpoints to: where, and the key its cosignatures verify under. */
export interface Witness {
  url: string;
  key: VerifierKey;
}

export function witnessesFrom(urls: string[], verifierKeys: string[]): Witness[] {
  if (urls.length !== verifierKeys.length) {
    throw new RangeError(`${urls.length} witness URLs for ${verifierKeys.length} witness keys`);
  }
  return urls.map((url, i) => ({ url, key: parseVerifierKey(verifierKeys[i] as string) }));
}

/** A checkpoint with what its witnesses answered: the note with every cosignature kept. */
export interface WitnessedCheckpoint extends SignedCheckpoint {
  note: string;
  /** The log's verifier key, `<log id>+<key hash>+<base64 key>`. */
  logVerifierKey: string;
  cosignedBy: string[];
  witnessRefusals: WitnessRefusal[];
}

export interface WitnessingOptions {
  db: Queryable;
  witnesses: Witness[];
  /** Told about a witness that could not be reached; it is asked again at the next offer. */
  onUnavailable?: (witness: string, detail: string) => void;
  clock?: () => Date;
}

const MAX_CONFLICTS = 3;

/**
 * Sends a stored checkpoint to every witness over c2sp.org/tlog-witness, with the RFC 9162
 * consistency proof from the size the witness last cosigned (a 409 names the size it knows:
 * the proof is made again from there), keeps each cosignature (checked under the witness's
 * key) or refusal beside the checkpoint, and returns the checkpoint as a note with all of
 * them. A witness already answered for a checkpoint is not asked again.
 */
export class Witnessing {
  private readonly proofs: ProofService;
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly options: WitnessingOptions) {
    this.proofs = new ProofService(options.db);
  }

  async witness(checkpoint: SignedCheckpoint): Promise<WitnessedCheckpoint> {
    const { db } = this.options;
    const id = stored(checkpoint);
    const publicKey = await this.publicKey(checkpoint.keyId);
    const [cosigned, refused] = await Promise.all([cosignaturesOf(db, id), refusalsOf(db, id)]);
    const answered = new Set([...cosigned.map((c) => c.name), ...refused.map((r) => r.witness)]);
    const note = checkpointNote(checkpoint, publicKey);
    await Promise.all(
      this.options.witnesses
        .filter((witness) => !answered.has(witness.key.name))
        .map((witness) => this.ask(witness, checkpoint, note)),
    );
    return this.describe(checkpoint);
  }

  /** The checkpoint as a note with the cosignatures kept so far, without asking anyone. */
  async describe(checkpoint: SignedCheckpoint): Promise<WitnessedCheckpoint> {
    const { db } = this.options;
    const id = stored(checkpoint);
    const publicKey = await this.publicKey(checkpoint.keyId);
    const [cosignatures, refusals] = await Promise.all([
      cosignaturesOf(db, id),
      refusalsOf(db, id),
    ]);
    return {
      ...checkpoint,
      note: checkpointNote(checkpoint, publicKey, cosignatures),
      logVerifierKey: logVerifierKey(checkpoint.logId, publicKey),
      cosignedBy: cosignatures.map((c) => c.name),
      witnessRefusals: refusals,
    };
  }

  private async ask(witness: Witness, checkpoint: SignedCheckpoint, note: string): Promise<void> {
    const { db } = this.options;
    const id = stored(checkpoint);
    const name = witness.key.name;
    const body = note.slice(0, note.lastIndexOf('\n\n') + 1);
    let oldSize = Math.min(await lastCosignedSize(db, name), checkpoint.treeSize);
    for (let attempt = 0; attempt <= MAX_CONFLICTS; attempt++) {
      const proof = await this.proofs.consistencyBetweenSizes(oldSize, checkpoint.treeSize);
      const answer = await addCheckpoint(
        witness,
        oldSize,
        proof.map((hash) => Buffer.from(hash, 'hex')),
        note,
      );
      switch (answer.kind) {
        case 'cosigned': {
          const valid = answer.signatures.find((s) => verifyCosignature(body, s, witness.key));
          if (!valid) {
            this.options.onUnavailable?.(
              name,
              'answered no cosignature that verifies under its key',
            );
            return;
          }
          const time = Number(valid.signature.readBigUInt64BE(0));
          await insertCosignature(db, id, valid, new Date(time * 1000));
          return;
        }
        case 'conflict':
          if (answer.knownSize > checkpoint.treeSize) {
            // It cosigned a larger tree: a later checkpoint of this log reached it first
            // (nothing to do), unless this store never signed one that large (rolled back).
            if (await hasCheckpointOfSize(db, answer.knownSize)) return;
            await insertRefusal(db, id, {
              witness: name,
              status: 409,
              detail: `The witness knows ${answer.knownSize} leaves; the store never signed that many`,
            });
            return;
          }
          oldSize = answer.knownSize;
          continue;
        case 'refused':
          await insertRefusal(db, id, {
            witness: name,
            status: answer.status,
            detail: answer.detail || `refused with ${answer.status}`,
          });
          return;
        case 'unavailable':
          this.options.onUnavailable?.(name, answer.detail);
          return;
      }
    }
    this.options.onUnavailable?.(name, `still conflicting after ${MAX_CONFLICTS} retries`);
  }

  private async publicKey(keyId: string): Promise<Buffer> {
    if (!this.keys.has(keyId)) {
      for (const entry of await listSigningKeys(this.options.db)) {
        this.keys.set(entry.keyId, Buffer.from(entry.publicKey, 'base64'));
      }
    }
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`Signing key ${keyId} is not listed in the store`);
    return key;
  }
}

function stored(checkpoint: SignedCheckpoint): string {
  if (checkpoint.checkpointId === undefined)
    throw new Error('Only stored checkpoints are witnessed');
  return checkpoint.checkpointId;
}
