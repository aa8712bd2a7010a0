import { verifyCosignature, type Cosignature } from './cosignature';
import {
  COSIGNATURE_V1_TYPE,
  NoteFormatError,
  parseVerifierKey,
  type NoteSignature,
  type VerifierKey,
} from './signed-note';

/** A checkpoint counts as witnessed with at least `quorum` of the `witnesses`' cosignatures. */
export interface WitnessPolicy {
  witnesses: VerifierKey[];
  quorum: number;
}

export function witnessPolicy(verifierKeys: string[], quorum: number): WitnessPolicy {
  const witnesses = verifierKeys.map(parseVerifierKey);
  for (const key of witnesses) {
    if (key.type !== COSIGNATURE_V1_TYPE) {
      throw new NoteFormatError(`Witness key ${key.name} is not a cosignature/v1 (0x04) key`);
    }
  }
  if (new Set(witnesses.map((w) => w.name)).size !== witnesses.length) {
    throw new NoteFormatError('Two witness keys have the same name');
  }
  if (!Number.isInteger(quorum) || quorum < 0 || quorum > witnesses.length) {
    throw new NoteFormatError(`A quorum of ${quorum} of ${witnesses.length} witnesses`);
  }
  return { witnesses, quorum };
}

export interface Witnessed {
  /** The policy's witnesses whose cosignature verifies, with their times. */
  cosignedBy: Cosignature[];
  witnessed: boolean;
}

/** Which of the policy's witnesses cosigned the note text, and whether that meets it. */
export function witnessedBy(
  text: string,
  signatures: NoteSignature[],
  policy: WitnessPolicy,
): Witnessed {
  const cosignedBy = policy.witnesses.flatMap((key) => {
    for (const signature of signatures) {
      const valid = verifyCosignature(text, signature, key);
      if (valid) return [valid];
    }
    return [];
  });
  return { cosignedBy, witnessed: cosignedBy.length >= policy.quorum };
}
