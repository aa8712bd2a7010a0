import { checkpointBody, type SignedCheckpoint } from '../checkpoints/checkpoint-format';
import { parseNote } from '../notes/signed-note';
import { witnessedBy, type WitnessPolicy } from '../notes/witness-policy';
import { problem, type Problem } from './problems';

/** Which witnesses saw which tree sizes, as far as the published notes show. */
export interface WitnessReport {
  policy: { quorum: number; witnesses: string[]; description: string };
  checkpoints: {
    checkpointId: string | null;
    treeSize: number;
    cosignedBy: { witness: string; cosignedAt: string }[];
    witnessed: boolean;
  }[];
  witnesses: { witness: string; treeSizes: number[]; latestTreeSize: number | null }[];
  /**
   * Whether the store still has the roots the witnesses cosigned; if not, the rewrite lies in
   * the leaves [lastMatchingTreeSize, firstMismatchingTreeSize).
   */
  store: {
    matches: boolean;
    lastMatchingTreeSize: number | null;
    firstMismatchingTreeSize: number | null;
  };
}

/** Fills `store` from the sizes at which published checkpoints' roots were not found. */
export function compareWithStore(report: WitnessReport, mismatching: Set<number>): void {
  const sizes = report.checkpoints
    .filter((c) => c.witnessed)
    .map((c) => c.treeSize)
    .sort((a, b) => a - b);
  const first = sizes.find((size) => mismatching.has(size)) ?? null;
  const last = sizes.filter((size) => !mismatching.has(size) && (first === null || size < first));
  report.store = {
    matches: first === null,
    lastMatchingTreeSize: last.at(-1) ?? null,
    firstMismatchingTreeSize: first,
  };
}

/**
 * Checks each published checkpoint's note against the witness policy: the note's text must be
 * the checkpoint's signed body, and at least `quorum` of the policy's witnesses must have
 * cosigned it (c2sp.org/tlog-cosignature). Cosignatures by keys the policy does not name
 * count for nothing.
 */
export function checkWitnesses(
  published: SignedCheckpoint[],
  policy: WitnessPolicy,
  description: string,
): { report: WitnessReport; problems: Problem[] } {
  const problems: Problem[] = [];
  const checkpoints: WitnessReport['checkpoints'] = [];
  const seen = new Map(policy.witnesses.map((w) => [w.name, new Set<number>()]));
  for (const checkpoint of published) {
    const where = {
      checkpoint: {
        checkpointId: checkpoint.checkpointId ?? null,
        treeSize: checkpoint.treeSize,
        source: 'published' as const,
      },
    };
    const name = `checkpoint ${checkpoint.checkpointId ?? '(unnumbered)'}`;
    let cosignedBy: WitnessReport['checkpoints'][number]['cosignedBy'] = [];
    if (checkpoint.note !== undefined) {
      try {
        const note = parseNote(checkpoint.note);
        if (note.text !== checkpointBody(checkpoint).toString('utf8')) {
          problems.push(problem('NOTE_MISMATCH', {}, name, where));
        } else {
          cosignedBy = witnessedBy(note.text, note.signatures, policy).cosignedBy.map((c) => ({
            witness: c.witness,
            cosignedAt: new Date(c.time * 1000).toISOString(),
          }));
        }
      } catch (error) {
        problems.push(problem('NOTE_MISMATCH', {}, `${name}: ${(error as Error).message}`, where));
      }
    }
    const witnessed = cosignedBy.length >= policy.quorum;
    if (!witnessed) {
      problems.push(
        problem(
          'WITNESS_QUORUM',
          {},
          `${name} (${checkpoint.treeSize} leaves) has ${cosignedBy.length} of the ` +
            `${policy.quorum} cosignatures needed`,
          where,
        ),
      );
    }
    cosignedBy.forEach(({ witness }) => seen.get(witness)?.add(checkpoint.treeSize));
    checkpoints.push({
      checkpointId: checkpoint.checkpointId ?? null,
      treeSize: checkpoint.treeSize,
      cosignedBy,
      witnessed,
    });
  }
  return {
    report: {
      policy: { quorum: policy.quorum, witnesses: [...seen.keys()], description },
      checkpoints,
      witnesses: [...seen].map(([witness, sizes]) => {
        const treeSizes = [...sizes].sort((a, b) => a - b);
        return { witness, treeSizes, latestTreeSize: treeSizes.at(-1) ?? null };
      }),
      store: { matches: true, lastMatchingTreeSize: null, firstMismatchingTreeSize: null },
    },
    problems,
  };
}
