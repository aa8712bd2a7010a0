import type { Problem } from './problems';
import type { WitnessReport } from './witness-check';

export interface DisposedStream {
  streamId: string;
  /** `disposed (act …)`: what an auditor reads instead of a chain of hashes. */
  status: string;
  actReference: string;
  disposedBy: string;
  /** The database login that ran the disposal function. */
  executedBy: string;
  disposedAt: string;
  eventCount: number;
}

/** The verifier's answer: JSON, stable field names, the first problem spelled out. */
export interface VerificationReport {
  ok: boolean;
  verifiedAt: string;
  source: string;
  trust: {
    /** Where the public keys came from; keys read from the verified source prove less. */
    keys: string;
    publishedCheckpoints: string | null;
  };
  counts: {
    events: number;
    streams: number;
    disposedStreams: number;
    leaves: number;
    /** Events after the last leaf: checked by their chains only, until the log takes them. */
    unloggedEvents: number;
    checkpoints: number;
    publishedCheckpoints: number;
  };
  latestVerifiedCheckpoint: {
    checkpointId: string | null;
    treeSize: number;
    rootHash: string;
  } | null;
  disposedStreams: DisposedStream[];
  /** With a witness policy: which witnesses cosigned which published checkpoints. */
  witnesses?: WitnessReport | null;
  firstProblem: Problem | null;
  problems: Problem[];
  problemsOmitted: number;
}

/** A few lines for a person; the JSON report is the record. */
export function summarize(report: VerificationReport): string {
  const { counts, firstProblem } = report;
  const lines = [
    `${report.ok ? 'OK' : 'PROBLEMS FOUND'}: ${report.source}`,
    `  ${counts.events} events in ${counts.streams} streams, ${counts.leaves} leaves, ` +
      `${counts.checkpoints} checkpoints, ${counts.publishedCheckpoints} published`,
    `  keys: ${report.trust.keys}`,
  ];
  if (report.latestVerifiedCheckpoint) {
    const { checkpointId, treeSize } = report.latestVerifiedCheckpoint;
    lines.push(
      `  latest verified checkpoint: ${checkpointId ?? '(published)'} (${treeSize} leaves)`,
    );
  }
  if (report.witnesses) {
    const { policy, checkpoints } = report.witnesses;
    const witnessed = checkpoints.filter((c) => c.witnessed).length;
    lines.push(
      `  witnesses: ${witnessed} of ${checkpoints.length} published checkpoints cosigned by ` +
        `at least ${policy.quorum} of ${policy.witnesses.length}`,
    );
    for (const { witness, treeSizes } of report.witnesses.witnesses) {
      lines.push(`    ${witness} saw tree sizes ${treeSizes.join(', ') || '(none)'}`);
    }
    const {
      matches,
      lastMatchingTreeSize: from,
      firstMismatchingTreeSize: to,
    } = report.witnesses.store;
    if (!matches) {
      lines.push(
        `  the store no longer matches the witnessed checkpoints: the witnessed root at ` +
          `${from ?? 0} leaves still matches, at ${to} leaves it does not, so leaves ` +
          `${from ?? 0} to ${(to ?? 1) - 1} were rewritten`,
      );
    }
  }
  for (const disposed of report.disposedStreams.slice(0, 20)) {
    lines.push(`  ${disposed.streamId}: ${disposed.status}`);
  }
  if (firstProblem) {
    const { streamId, streamVersion, globalPosition, leafIndex } = firstProblem;
    lines.push(
      `  first problem: ${firstProblem.code} stream ${streamId ?? '?'} version ` +
        `${streamVersion ?? '?'} position ${globalPosition ?? '?'} leaf ${leafIndex ?? '?'}`,
      `    ${firstProblem.message}`,
      `  ${report.problems.length + report.problemsOmitted} problems in all`,
    );
  }
  return `${lines.join('\n')}\n`;
}
