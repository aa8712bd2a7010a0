import { checkpointSignatureValid, type SignedCheckpoint } from '../checkpoints/checkpoint-format';
import { Keyring, type PublicKeyEntry } from '../checkpoints/keyring';
import { leafHash } from '../merkle/tree-hash';
import { readEventLine, type EventLineFields } from './event-line-reader';
import {
  asPartProblems,
  ExportLines,
  isBlank,
  lineChunks,
  linesOf,
  type Proof,
} from './export-lines';
import { ExportPart, MAX_PROBLEMS, type PartProblem } from './export-part';
import { LeafRun } from './leaf-run';
import { multiproofRoot } from './multiproof';
import { STREAM_EXPORT_FORMAT } from './stream-export-format';
import { verifyInParts, type EventPass } from './verify-in-parts';

export interface StreamExportProblem {
  code: string;
  message: string;
  streamId: string | null;
  streamVersion: number | null;
}

export interface StreamExportReport {
  ok: boolean;
  format: typeof STREAM_EXPORT_FORMAT;
  source: string;
  verifiedAt: string;
  trust: { keys: string };
  checkpoint: SignedCheckpoint | null;
  counts: { events: number; streams: number; disposedStreams: number; proofNodes: number };
  disposedStreams: { streamId: string; actReference: string; eventCount: number }[];
  firstProblem: StreamExportProblem | null;
  problems: StreamExportProblem[];
}

export interface VerifyExportOptions {
  /** Parts the events are split into: default one per core for a file of 16 MB or more. */
  parts?: number;
  /** False: the parts are checked one after another on this thread (the same checks and join). */
  threads?: boolean;
}

/**
 * Verifies an `ejournal-stream-export/1` file offline, trusting only the public keys given
 * (`trustedKeys`, from `keys.json`; without them the file's own keys, which the report says):
 * the checkpoint's signature by a key valid when it signed; each stream from version 1 with
 * no gap, each event's bytes hashing to its hash chained from the previous one, its identity
 * (id, stream, version, type, recordedAt) the one inside its hashed bytes; a disposed stream
 * matching its tombstone; and the batch proof rebuilding the checkpoint's root from the
 * events' leaves. What it cannot see: events left out at the end of a stream (an export
 * proves what it holds is in the record, not that the record holds nothing more). A large file
 * is checked in parts on as many threads as there are cores (`verifyInParts`); the verdict is
 * the one pass's.
 */
export async function verifyStreamExport(
  file: string,
  trustedKeys?: { entries: PublicKeyEntry[]; description: string },
  options: VerifyExportOptions = {},
): Promise<StreamExportReport> {
  const pass = (await verifyInParts(file, options)) ?? (await inOnePass(file));
  const { lines, count } = pass;
  const problems: StreamExportProblem[] = pass.problems.map(
    ({ code, message, streamId, streamVersion, step }) =>
      step < 0
        ? { code, message, streamId: null, streamVersion: null }
        : { code, message, streamId, streamVersion },
  );
  const report = (code: string, message: string) => {
    if (problems.length < MAX_PROBLEMS)
      problems.push({ code, message, streamId: null, streamVersion: null });
  };
  const { header, checkpoint, proof, end, tombstones } = lines;
  if (!header) report('INTEGRITY.EXPORT_MALFORMED', 'no header');
  if (!end || end.events !== count || end.streams !== pass.streams) {
    report('INTEGRITY.EXPORT_TRUNCATED', 'the end line is missing or counts other events');
  }
  const keyring = new Keyring(trustedKeys?.entries ?? lines.keys);
  if (!checkpoint) {
    report('INTEGRITY.EXPORT_MALFORMED', 'no checkpoint');
  } else {
    checkSignature(checkpoint, keyring, report);
    const whole = count === checkpoint.treeSize && proof?.nodes.length === 0;
    const root = whole ? pass.run?.root() : null;
    if (root && root.toString('hex') !== checkpoint.rootHash) {
      report(
        'INTEGRITY.ROOT_MISMATCH',
        `the events do not rebuild the root of checkpoint ${checkpoint.checkpointId}`,
      );
    }
    if (!root) checkRoot(checkpoint, proof, pass.leafIndexes(), pass.eventHashes(), report);
  }
  return {
    ok: problems.length === 0,
    format: STREAM_EXPORT_FORMAT,
    source: `export ${file}${header?.source ? ` of ${header.source}` : ''}`,
    verifiedAt: new Date().toISOString(),
    trust: {
      keys: trustedKeys
        ? trustedKeys.description
        : 'the keys the export lists (pass --keys to rely on keys from another channel)',
    },
    checkpoint,
    counts: {
      events: count,
      streams: pass.streams,
      disposedStreams: tombstones.size,
      proofNodes: proof?.nodes.length ?? 0,
    },
    disposedStreams: [...tombstones.values()].map(({ streamId, actReference, eventCount }) => ({
      streamId,
      actReference,
      eventCount,
    })),
    firstProblem: problems[0] ?? null,
    problems,
  };
}

/** Every line in turn on this thread: any file, in any JSON spelling of its lines. */
async function inOnePass(file: string): Promise<EventPass> {
  const lines = new ExportLines();
  const part = new ExportPart(lines.tombstones);
  const onEvent = (event: EventLineFields) => part.check(event);
  for await (const { buffer, end } of lineChunks(file)) {
    for (const [from, to] of linesOf(buffer, end)) {
      lines.lineNumber += 1;
      const event = readEventLine(buffer, from, to);
      if (event) part.check(event);
      else if (to > from && !isBlank(buffer, from, to)) {
        lines.read(buffer.toString('utf8', from, to), part.count, onEvent);
      }
    }
  }
  const result = part.result();
  const problems: PartProblem[] = [...asPartProblems(lines.problems), ...result.problems].sort(
    (a, b) => a.ordinal - b.ordinal || a.step - b.step,
  );
  const run = result.run ? new LeafRun() : null;
  if (run && result.run) run.join(result.run);
  const { leafIndexes, eventHashes } = result;
  return {
    lines,
    count: result.count,
    streams: result.streams.length,
    problems: problems.slice(0, MAX_PROBLEMS),
    run,
    leafIndexes: () => leafIndexes,
    eventHashes: () => Buffer.from(eventHashes.buffer, eventHashes.byteOffset, eventHashes.length),
  };
}

type Report = (code: string, message: string) => void;

function checkSignature(checkpoint: SignedCheckpoint, keyring: Keyring, report: Report): void {
  const key = keyring.key(checkpoint.keyId);
  if (!key) return report('INTEGRITY.KEY_UNKNOWN', `no key ${checkpoint.keyId}`);
  if (!checkpointSignatureValid(checkpoint, key)) {
    return report('INTEGRITY.SIGNATURE_INVALID', `checkpoint ${checkpoint.checkpointId}`);
  }
  if (!keyring.validAt(checkpoint.keyId, checkpoint.signedAt)) {
    report(
      'INTEGRITY.KEY_NOT_VALID',
      `${checkpoint.keyId} was not valid at ${checkpoint.signedAt}`,
    );
  }
}

function checkRoot(
  checkpoint: SignedCheckpoint,
  proof: Proof | null,
  indexes: Float64Array,
  eventHashes: Buffer,
  report: Report,
): void {
  if (!proof || proof.treeSize !== checkpoint.treeSize) {
    return report('INTEGRITY.EXPORT_MALFORMED', 'no proof for the checkpoint’s tree size');
  }
  // Exports list events in the store's order, so their leaves come in order: sort otherwise.
  const inOrder = indexes.every((index, i) => i === 0 || index > (indexes[i - 1] as number));
  const order = inOrder
    ? null
    : Uint32Array.from(indexes.keys()).sort(
        (a, b) => (indexes[a] as number) - (indexes[b] as number),
      );
  const sorted = order ? Float64Array.from(order, (i) => indexes[i] as number) : indexes;
  for (let i = 0; i < sorted.length; i++) {
    const index = sorted[i] as number;
    if (
      !Number.isSafeInteger(index) ||
      index < 0 ||
      index >= checkpoint.treeSize ||
      index === sorted[i - 1]
    ) {
      return report('INTEGRITY.LEAF_ORDER', `leaf ${index} is repeated or outside the checkpoint`);
    }
  }
  const at = (i: number) => {
    const from = (order ? (order[i] as number) : i) * 32;
    return leafHash(eventHashes.subarray(from, from + 32));
  };
  const nodes = proof.nodes.map((node) => Buffer.from(node, 'hex'));
  const root = multiproofRoot(sorted, at, checkpoint.treeSize, nodes);
  if (!root || root.toString('hex') !== checkpoint.rootHash) {
    report(
      'INTEGRITY.ROOT_MISMATCH',
      `the events and proof do not rebuild the root of checkpoint ${checkpoint.checkpointId}`,
    );
  }
}
