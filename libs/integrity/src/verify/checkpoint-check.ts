import {
  checkpointSignatureValid,
  sameCheckpoint,
  type SignedCheckpoint,
} from '../checkpoints/checkpoint-format';
import type { Keyring } from '../checkpoints/keyring';
import { problem, type Problem } from './problems';

export interface ExpectedRoot {
  checkpoint: SignedCheckpoint;
  source: 'database' | 'published';
}

export interface CheckpointVerdict {
  /** Roots the log must have at each size: from checkpoints whose signature verified. */
  expected: Map<number, ExpectedRoot[]>;
  problems: Problem[];
}

/**
 * Checks every stored and published checkpoint's signature against the keyring, and that
 * each published checkpoint is still in the database unchanged. Both kinds then become roots
 * the replayed log must reproduce.
 */
export function checkCheckpoints(
  stored: SignedCheckpoint[],
  published: SignedCheckpoint[],
  keyring: Keyring,
): CheckpointVerdict {
  const expected = new Map<number, ExpectedRoot[]>();
  const problems: Problem[] = [];
  const byId = new Map(stored.map((checkpoint) => [checkpoint.checkpointId, checkpoint]));
  const consider = (checkpoint: SignedCheckpoint, source: ExpectedRoot['source']) => {
    const where = {
      checkpoint: {
        checkpointId: checkpoint.checkpointId ?? null,
        treeSize: checkpoint.treeSize,
        source,
      },
    };
    const name = `checkpoint ${checkpoint.checkpointId ?? '(unnumbered)'} (${source})`;
    const key = keyring.key(checkpoint.keyId);
    if (!key)
      return problems.push(problem('KEY_UNKNOWN', {}, `${name}: ${checkpoint.keyId}`, where));
    if (!checkpointSignatureValid(checkpoint, key)) {
      return problems.push(problem('SIGNATURE_INVALID', {}, name, where));
    }
    if (!keyring.validAt(checkpoint.keyId, checkpoint.signedAt)) {
      problems.push(problem('KEY_NOT_VALID', {}, `${name} at ${checkpoint.signedAt}`, where));
    }
    const roots = expected.get(checkpoint.treeSize) ?? [];
    expected.set(checkpoint.treeSize, [...roots, { checkpoint, source }]);
    return undefined;
  };
  stored.forEach((checkpoint) => consider(checkpoint, 'database'));
  for (const checkpoint of published) {
    const twin = byId.get(checkpoint.checkpointId);
    const where = {
      checkpoint: {
        checkpointId: checkpoint.checkpointId ?? null,
        treeSize: checkpoint.treeSize,
        source: 'published' as const,
      },
    };
    if (!twin) {
      problems.push(
        problem('CHECKPOINT_MISSING', {}, `published as ${checkpoint.checkpointId}`, where),
      );
    } else if (!sameCheckpoint(twin, checkpoint)) {
      problems.push(
        problem('CHECKPOINT_MISMATCH', {}, `stored ${checkpoint.checkpointId} differs`, where),
      );
    }
    consider(checkpoint, 'published');
  }
  return { expected, problems };
}
