import type { IntegrityCheckpoint } from '@ejournal/contracts';
import {
  checkpointNote,
  checkpointSignatureValid,
  publicKeyObject,
  verifyConsistency,
} from '@ejournal/integrity';

/** The last checkpoint of a log the archive holds as good. */
export interface HeldCheckpoint {
  checkpointId: string;
  treeSize: number;
  rootHash: string;
}

/** What the archive trusts to check a checkpoint's signature with. */
export type KeyTrust =
  /** Listed in a configured keys file, or pinned for this log and key id. */
  | { kind: 'trusted'; publicKey: Buffer }
  /** Keys files are configured and none lists this key id. */
  | { kind: 'unlisted' }
  /** No keys file and never seen: trusted on first use (and pinned by being kept). */
  | { kind: 'first-use' };

export const ALARM_CODES = [
  'INTEGRITY.MALFORMED_CHECKPOINT',
  'INTEGRITY.KEY_UNKNOWN',
  'INTEGRITY.KEY_CHANGED',
  'INTEGRITY.SIGNATURE_INVALID',
  'INTEGRITY.CONSISTENCY_MISSING',
  'INTEGRITY.CONSISTENCY_FAILED',
  'INTEGRITY.CHECKPOINT_CHANGED',
  'INTEGRITY.NOTE_MISMATCH',
  'INTEGRITY.WITNESS_REFUSED',
] as const;
export type AlarmCode = (typeof ALARM_CODES)[number];

export type Verdict =
  { verdict: 'first' | 'consistent' } | { verdict: 'failed'; code: AlarmCode; problem: string };

const failed = (code: AlarmCode, problem: string): Verdict => ({
  verdict: 'failed',
  code,
  problem,
});
const bytes = (hex: string) => Buffer.from(hex, 'hex');

/**
 * Checks a received checkpoint against what the archive already holds: its signature under a
 * trusted key, and the RFC 9162 consistency proof it carries, run from the archive's own copy
 * of the log's previous checkpoint, never from the root the message claims for it. So a store
 * whose log was rewritten after a checkpoint left it cannot prove the next one.
 */
export function judgeCheckpoint(
  checkpoint: IntegrityCheckpoint,
  held: HeldCheckpoint | null,
  trust: KeyTrust,
): Verdict {
  const given = Buffer.from(checkpoint.publicKey, 'base64');
  if (trust.kind === 'unlisted') {
    return failed('INTEGRITY.KEY_UNKNOWN', `No trusted keys file lists key ${checkpoint.keyId}`);
  }
  if (trust.kind === 'trusted' && !trust.publicKey.equals(given)) {
    return failed(
      'INTEGRITY.KEY_CHANGED',
      `Key ${checkpoint.keyId} is not the key trusted under that id`,
    );
  }
  const key = trust.kind === 'trusted' ? trust.publicKey : given;
  if (key.length !== 32 || !checkpointSignatureValid(checkpoint, publicKeyObject(key))) {
    return failed(
      'INTEGRITY.SIGNATURE_INVALID',
      `The signature does not verify under ${checkpoint.keyId}`,
    );
  }
  const witnessed = judgeWitnessing(checkpoint, key);
  if (witnessed) return witnessed;
  if (!held) return { verdict: 'first' };
  const from = checkpoint.consistency;
  if (!from || from.fromCheckpointId !== held.checkpointId) {
    return failed(
      'INTEGRITY.CONSISTENCY_MISSING',
      `No proof from checkpoint ${held.checkpointId} (${held.treeSize} leaves), the last one kept; ` +
        `the store proves from ${from ? from.fromCheckpointId : 'nothing'}`,
    );
  }
  const proven =
    from.fromTreeSize === held.treeSize &&
    checkpoint.treeSize >= held.treeSize &&
    verifyConsistency(
      held.treeSize,
      checkpoint.treeSize,
      bytes(held.rootHash),
      bytes(checkpoint.rootHash),
      from.proof.map(bytes),
    );
  if (!proven) {
    return failed(
      'INTEGRITY.CONSISTENCY_FAILED',
      `The log of ${checkpoint.treeSize} leaves does not extend checkpoint ${held.checkpointId} ` +
        `(${held.treeSize} leaves, root ${held.rootHash}) as the archive kept it`,
    );
  }
  return { verdict: 'consistent' };
}

/**
 * The note must be this checkpoint's (its signed body and the log's signature under the log id
 * as key name), and no witness may have refused it: a witness refuses a checkpoint that is not
 * consistent with what it cosigned before, which is what a rewritten store produces.
 */
function judgeWitnessing(checkpoint: IntegrityCheckpoint, key: Buffer): Verdict | null {
  if (checkpoint.note !== undefined) {
    // The log's signature line comes first; the witnesses' cosignature lines follow it.
    if (!checkpoint.note.startsWith(checkpointNote(checkpoint, key))) {
      return failed(
        'INTEGRITY.NOTE_MISMATCH',
        `The note of checkpoint ${checkpoint.checkpointId} is not its signed body and signature`,
      );
    }
  }
  const refusals = checkpoint.witnesses?.refusals ?? [];
  if (refusals.length > 0) {
    const who = refusals.map((r) => `${r.witness} (${r.status} ${r.detail})`).join(', ');
    return failed(
      'INTEGRITY.WITNESS_REFUSED',
      `Witnesses refused checkpoint ${checkpoint.checkpointId} (${checkpoint.treeSize} leaves): ` +
        `${who}: it is not consistent with what they cosigned before`,
    );
  }
  return null;
}
